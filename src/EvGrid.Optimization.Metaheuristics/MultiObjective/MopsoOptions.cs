using EvGrid.Optimization.Metaheuristics.Swarm;

namespace EvGrid.Optimization.Metaheuristics.MultiObjective;

/// <summary>How MOPSO updates a particle's velocity.</summary>
public enum MopsoVelocityRule
{
    /// <summary>seed 000 eq. (25) with the linearly decreasing inertia of eq. (27): v ← ω v + c1 r1 (p − x) +
    /// c2 r2 (g − x), r1, r2 ~ U(0, 1) per dimension.</summary>
    Inertia = 0,

    /// <summary>SMPSO (Nebro et al. 2009): per particle c1, c2 ~ U[<see cref="MopsoOptions.ConstrictionC1"/>],
    /// U[<see cref="MopsoOptions.ConstrictionC2"/>], r1, r2 ~ U(0, 1), and the whole update multiplied by the
    /// constriction χ = 2 / (2 − φ − √(φ² − 4φ)) for φ = c1 + c2 &gt; 4 (χ = 1 otherwise; signed as SMPSO prints it,
    /// or Clerc's absolute value, see <see cref="MopsoOptions.SignedConstriction"/>); the inertia is
    /// <see cref="MopsoOptions.ConstrictionInertia"/>.</summary>
    Constriction = 1,
}

/// <summary>How each particle picks its leader (global guide) from the archive.</summary>
public enum MopsoLeaderSelection
{
    /// <summary>Binary tournament: two distinct archive members at random, the one with the larger crowding distance
    /// (less crowded region) leads.</summary>
    BinaryTournament = 0,

    /// <summary>One archive member uniformly at random.</summary>
    Random = 1,

    /// <summary>Coello Coello et al. (2004): roulette over the adaptive grid's occupied hypercubes with fitness
    /// 10 / (members in the hypercube), then a uniform member of it (needs <see cref="MopsoArchive.AdaptiveGrid"/>).</summary>
    GridRoulette = 2,
}

/// <summary>How the bounded external archive chooses who leaves when it overflows.</summary>
public enum MopsoArchive
{
    /// <summary><see cref="CrowdingArchive"/>: the member with the smallest crowding distance leaves.</summary>
    CrowdingDistance = 0,

    /// <summary><see cref="AdaptiveGridArchive"/> (2004): a member of the most crowded hypercube leaves.</summary>
    AdaptiveGrid = 1,
}

/// <summary>The perturbation applied to particles after they move.</summary>
public enum MopsoMutation
{
    /// <summary>No mutation.</summary>
    None = 0,

    /// <summary>Polynomial mutation (per-variable probability <see cref="MopsoOptions.MutationProbability"/>, index
    /// <see cref="MopsoOptions.MutationDistributionIndex"/>) on every <see cref="MopsoOptions.MutationEvery"/>-th
    /// particle (SMPSO's turbulence).</summary>
    Polynomial = 1,

    /// <summary>Coello Coello, Pulido &amp; Lechuga (2004) §III-C: each particle is mutated with probability
    /// p_m = (1 − t/t_max)^(1/<see cref="MopsoOptions.MutationRate"/>); one random variable is redrawn uniformly in
    /// x_j ± p_m (upper_j − lower_j) (clipped to the box), so both the share of mutated particles and the range
    /// shrink as the run proceeds.</summary>
    DecreasingUniform = 2,
}

/// <summary>How a particle's personal best is updated from its new position (both by Deb's rules).</summary>
public enum MopsoPersonalBestUpdate
{
    /// <summary>Coello Coello et al. (2004): the new position replaces the personal best when it dominates it; when
    /// neither dominates, a fair coin decides.</summary>
    DominanceThenCoin = 0,

    /// <summary>SMPSO: the new position replaces the personal best unless the personal best dominates it.</summary>
    UnlessDominated = 1,
}

/// <summary>
/// Options of <see cref="Mopso"/>. <c>new MopsoOptions()</c> is the library's default configuration: seed 000 §5.3/§6.2's
/// velocity rule and numbers — eq. (25) with the linearly decreasing inertia of eq. (27) from ω = 0.85 (to 0.4),
/// c1 = c2 = 1.25, 60 particles, position clamped to the box with the velocity kept — completed by MOPSO-family parts
/// that do not override them: velocity clamped to half the variable's range, polynomial (turbulence) mutation on every
/// sixth particle, a crowding-distance archive of 100, binary-tournament leaders and the personal best replaced unless
/// it dominates. Over 30 runs of 25 000 evaluations it reaches mean IGD 3.7·10⁻³ (ZDT1), 3.8·10⁻³ (ZDT2) and
/// 4.4·10⁻³ (ZDT3), below the 0.005 / 0.005 / 0.0065 targets (<c>docs/validation.md</c>); like the 2004 MOPSO it
/// stalls on the multimodal ZDT4 and DTLZ1. <see cref="Constricted"/> (registered as <c>smpso</c>) flies the same
/// swarm with SMPSO's constriction and reaches ZDT4 and DTLZ1 too; <see cref="Paper"/> (registered as
/// <c>mopso-paper</c>) is seed 000's configuration with the operators of Coello Coello, Pulido &amp; Lechuga (2004).
/// The ablation behind this choice is in <c>docs/models.md</c>.
/// </summary>
public sealed record MopsoOptions
{
    /// <summary>Number of particles N (seed 000 §6.2: 60).</summary>
    public int SwarmSize { get; init; } = 60;

    /// <summary>Capacity of the external archive (100).</summary>
    public int ArchiveCapacity { get; init; } = 100;

    /// <summary>Archive truncation rule.</summary>
    public MopsoArchive Archive { get; init; } = MopsoArchive.CrowdingDistance;

    /// <summary>Adaptive grid: intervals per objective (30 in the 2004 paper).</summary>
    public int GridDivisions { get; init; } = 30;

    /// <summary>Velocity update rule.</summary>
    public MopsoVelocityRule Velocity { get; init; } = MopsoVelocityRule.Inertia;

    /// <summary>ω_start of seed 000 eq. (27) (0.85, §6.2).</summary>
    public double InertiaStart { get; init; } = 0.85;

    /// <summary>ω_end of seed 000 eq. (27) (not stated in seed 000; 0.4, the usual end value).</summary>
    public double InertiaEnd { get; init; } = 0.4;

    /// <summary>Cognitive learning factor c1 of eq. (25) (1.25, §6.2).</summary>
    public double C1 { get; init; } = 1.25;

    /// <summary>Social learning factor c2 of eq. (25) (1.25, §6.2).</summary>
    public double C2 { get; init; } = 1.25;

    /// <summary>Range of c1 for <see cref="MopsoVelocityRule.Constriction"/> (SMPSO: [1.5, 2.5]).</summary>
    public (double Min, double Max) ConstrictionC1 { get; init; } = (1.5, 2.5);

    /// <summary>Range of c2 for <see cref="MopsoVelocityRule.Constriction"/> (SMPSO: [1.5, 2.5]).</summary>
    public (double Min, double Max) ConstrictionC2 { get; init; } = (1.5, 2.5);

    /// <summary>Whether χ keeps its sign (SMPSO as published: χ &lt; 0 when φ &gt; 4, which reverses those steps and
    /// is what lets the swarm escape ZDT4's and DTLZ1's local fronts) or takes Clerc &amp; Kennedy's absolute value.</summary>
    public bool SignedConstriction { get; init; } = true;

    /// <summary>Inertia ω for <see cref="MopsoVelocityRule.Constriction"/> (SMPSO: 0.1).</summary>
    public double ConstrictionInertia { get; init; } = 0.1;

    /// <summary>Velocity limit per dimension as a fraction of the variable's range (|v_j| ≤ fraction · (u_j − l_j));
    /// +∞ disables the clamp.</summary>
    public double MaxVelocityFraction { get; init; } = 0.5;

    /// <summary>What happens to a coordinate that leaves the box (seed 000: clamp to the bound).</summary>
    public BoundHandling BoundHandling { get; init; } = BoundHandling.Clamp;

    /// <summary>With <see cref="BoundHandling.Clamp"/>: factor applied to the velocity component of a clamped
    /// coordinate (−1 reverses it as in SMPSO, 0 stops it, 1 keeps it as seed 000 and the 2004 MOPSO do).</summary>
    public double VelocityFactorAtBound { get; init; } = 1.0;

    /// <summary>Leader selection from the archive.</summary>
    public MopsoLeaderSelection LeaderSelection { get; init; } = MopsoLeaderSelection.BinaryTournament;

    /// <summary>Personal-best update rule.</summary>
    public MopsoPersonalBestUpdate PersonalBestUpdate { get; init; } = MopsoPersonalBestUpdate.UnlessDominated;

    /// <summary>Mutation operator.</summary>
    public MopsoMutation Mutation { get; init; } = MopsoMutation.Polynomial;

    /// <summary>Polynomial mutation: mutate particles whose index is a multiple of this (6 in SMPSO).</summary>
    public int MutationEvery { get; init; } = 6;

    /// <summary>Polynomial mutation: per-variable probability; NaN means 1/n.</summary>
    public double MutationProbability { get; init; } = double.NaN;

    /// <summary>Polynomial mutation: distribution index η_m (20).</summary>
    public double MutationDistributionIndex { get; init; } = 20.0;

    /// <summary>Decreasing uniform mutation: the 2004 paper's mutation rate (0.5).</summary>
    public double MutationRate { get; init; } = 0.5;

    /// <summary>t_max of eq. (27) and of the decreasing mutation when the stopping criteria give neither an iteration
    /// nor an evaluation limit (seed 000 §6.2: 300).</summary>
    public int ScheduleIterations { get; init; } = 300;

    /// <summary>Velocity rule replacing <see cref="Velocity"/> and its numbers (null: the rule they describe).</summary>
    public IVelocityRule? VelocityRule { get; init; }

    /// <summary>Inertia schedule replacing eq. (27) from <see cref="InertiaStart"/> to <see cref="InertiaEnd"/>
    /// (null: that schedule). Refused with the constricted rule, whose inertia is fixed.</summary>
    public IInertiaSchedule? InertiaRule { get; init; }

    /// <summary>Leader selection replacing <see cref="LeaderSelection"/> (null: the selection of that value).</summary>
    public ILeaderSelection? LeaderRule { get; init; }

    /// <summary>Archive replacing <see cref="Archive"/> and <see cref="GridDivisions"/> (null: the archive of those
    /// values); its capacity stays <see cref="ArchiveCapacity"/>.</summary>
    public IArchiveFactory? ArchiveRule { get; init; }

    /// <summary>Mutation replacing <see cref="Mutation"/> and its numbers (null: the mutation they describe).</summary>
    public IParticleMutation? MutationRule { get; init; }

    /// <summary>Bound handler replacing <see cref="BoundHandling"/> and <see cref="VelocityFactorAtBound"/> (null: the
    /// handler they describe).</summary>
    public IBoundHandler? BoundRule { get; init; }

    /// <summary>The swarm's move parts: the <c>…Rule</c> overrides, or, where null, the parts the enum and number options
    /// describe.</summary>
    /// <returns>Velocity rule, inertia schedule (eq. 27 from the iteration count), bound handler and mutation.</returns>
    public SwarmComponents Components() => new(
        VelocityRule ?? (Velocity == MopsoVelocityRule.Inertia
            ? InertiaVelocity.Constant(C1, C2, CoefficientDraws.TwoPerDimension)
            : new ConstrictedVelocity(ConstrictionC1, ConstrictionC2, ConstrictionInertia, SignedConstriction)),
        InertiaRule ?? new LinearInertia(InertiaStart, InertiaEnd) { FromIterationCount = true },
        BoundRule ?? BoundHandlers.For(BoundHandling, VelocityFactorAtBound),
        MutationRule ?? Mutation switch
        {
            MopsoMutation.Polynomial => new PolynomialTurbulence(MutationEvery, MutationProbability, MutationDistributionIndex),
            MopsoMutation.DecreasingUniform => new DecreasingUniformMutation(MutationRate),
            _ => null,
        });

    /// <summary>The leader selection: <see cref="LeaderRule"/>, or the one <see cref="LeaderSelection"/> names.</summary>
    /// <returns>The selection.</returns>
    public ILeaderSelection Leaders() => LeaderRule ?? LeaderSelection switch
    {
        MopsoLeaderSelection.Random => new RandomLeader(),
        MopsoLeaderSelection.GridRoulette => new GridRouletteLeader(),
        _ => new BinaryTournamentLeader(),
    };

    /// <summary>The archive: <see cref="ArchiveRule"/>, or the one <see cref="Archive"/> names.</summary>
    /// <returns>The archive factory.</returns>
    public IArchiveFactory ArchiveFactory() => ArchiveRule ?? (Archive == MopsoArchive.AdaptiveGrid
        ? new AdaptiveGridArchiveFactory(GridDivisions)
        : new CrowdingArchiveFactory());

    /// <summary>
    /// seed 000 §5.3/§6.2 with the 2004 operators: 60 particles, inertia 0.85 → 0.4 (eq. 27), c1 = c2 = 1.25, velocity
    /// (within ± the variable's range) and position clamped (velocity kept), adaptive-grid archive of 100 (30
    /// divisions) with roulette leader selection, decreasing uniform mutation (rate 0.5), personal best by dominance
    /// with a coin flip.
    /// </summary>
    public static MopsoOptions Paper { get; } = new()
    {
        Velocity = MopsoVelocityRule.Inertia,
        MaxVelocityFraction = 1.0,
        VelocityFactorAtBound = 1.0,
        Archive = MopsoArchive.AdaptiveGrid,
        LeaderSelection = MopsoLeaderSelection.GridRoulette,
        Mutation = MopsoMutation.DecreasingUniform,
        PersonalBestUpdate = MopsoPersonalBestUpdate.DominanceThenCoin,
    };

    /// <summary>
    /// seed 000's swarm of 60 particles and archive of 100 flown with SMPSO's velocity rule (Nebro et al. 2009) instead
    /// of the inertia rule of eq. (25)/(27): constricted velocity with c1, c2 ~ U[1.5, 2.5] and ω = 0.1, velocity
    /// clamped to half the range and reversed at the bounds, polynomial mutation on every sixth particle,
    /// crowding-distance archive, binary-tournament leaders, personal best replaced unless it dominates. Registered as
    /// <c>smpso</c>; unlike the inertia rule it escapes the local fronts of ZDT4 and DTLZ1.
    /// </summary>
    public static MopsoOptions Constricted { get; } = new()
    {
        Velocity = MopsoVelocityRule.Constriction,
        VelocityFactorAtBound = -1.0,
    };

    /// <summary>SMPSO (Nebro et al. 2009): 100 particles, constriction, ω = 0.1, velocity clamp 0.5 of the range,
    /// velocity reversal at the bounds, polynomial mutation on every sixth particle, binary-tournament leaders.</summary>
    public static MopsoOptions Smpso { get; } = new()
    {
        SwarmSize = 100,
        Velocity = MopsoVelocityRule.Constriction,
        VelocityFactorAtBound = -1.0,
        LeaderSelection = MopsoLeaderSelection.BinaryTournament,
        Mutation = MopsoMutation.Polynomial,
        PersonalBestUpdate = MopsoPersonalBestUpdate.UnlessDominated,
    };

    /// <summary>Checks every option and names the first bad one.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        var constricted = VelocityRule is ConstrictedVelocity
                          || (VelocityRule is null && Velocity == MopsoVelocityRule.Constriction);
        Require(InertiaRule is null || !constricted, nameof(InertiaRule), InertiaRule ?? (object)"null");
        Require(SwarmSize >= 2, nameof(SwarmSize), SwarmSize);
        Require(ArchiveCapacity >= 1, nameof(ArchiveCapacity), ArchiveCapacity);
        Require(double.IsFinite(InertiaStart), nameof(InertiaStart), InertiaStart);
        Require(double.IsFinite(InertiaEnd), nameof(InertiaEnd), InertiaEnd);
        Require(C1 >= 0 && double.IsFinite(C1), nameof(C1), C1);
        Require(C2 >= 0 && double.IsFinite(C2), nameof(C2), C2);
        Require(ConstrictionC1.Min >= 0 && ConstrictionC1.Max >= ConstrictionC1.Min && double.IsFinite(ConstrictionC1.Max),
            nameof(ConstrictionC1), ConstrictionC1);
        Require(ConstrictionC2.Min >= 0 && ConstrictionC2.Max >= ConstrictionC2.Min && double.IsFinite(ConstrictionC2.Max),
            nameof(ConstrictionC2), ConstrictionC2);
        Require(double.IsFinite(ConstrictionInertia), nameof(ConstrictionInertia), ConstrictionInertia);
        Require(MaxVelocityFraction > 0, nameof(MaxVelocityFraction), MaxVelocityFraction);
        Require(Enum.IsDefined(BoundHandling), nameof(BoundHandling), BoundHandling);
        Require(double.IsFinite(VelocityFactorAtBound) && Math.Abs(VelocityFactorAtBound) <= 1, nameof(VelocityFactorAtBound), VelocityFactorAtBound);
        Require(Enum.IsDefined(Velocity), nameof(Velocity), Velocity);
        Require(Enum.IsDefined(LeaderSelection), nameof(LeaderSelection), LeaderSelection);
        Require(Enum.IsDefined(Archive), nameof(Archive), Archive);
        Require(GridDivisions >= 1, nameof(GridDivisions), GridDivisions);
        if (Leaders() is GridRouletteLeader && ArchiveFactory() is CrowdingArchiveFactory)
        {
            // Whether set by the enums or by the rules (a custom factory is checked on the archive it builds).
            throw new ArgumentException(
                "Grid-roulette leader selection needs an adaptive-grid archive; the archive is a CrowdingArchive (set Archive = AdaptiveGrid or an AdaptiveGridArchiveFactory).",
                LeaderRule is null ? nameof(LeaderSelection) : nameof(LeaderRule));
        }

        Require(Enum.IsDefined(PersonalBestUpdate), nameof(PersonalBestUpdate), PersonalBestUpdate);
        Require(Enum.IsDefined(Mutation), nameof(Mutation), Mutation);
        Require(MutationEvery >= 1, nameof(MutationEvery), MutationEvery);
        Require(double.IsNaN(MutationProbability) || (MutationProbability >= 0 && MutationProbability <= 1),
            nameof(MutationProbability), MutationProbability);
        Require(MutationDistributionIndex >= 0 && double.IsFinite(MutationDistributionIndex), nameof(MutationDistributionIndex), MutationDistributionIndex);
        Require(MutationRate > 0 && double.IsFinite(MutationRate), nameof(MutationRate), MutationRate);
        Require(ScheduleIterations >= 1, nameof(ScheduleIterations), ScheduleIterations);
    }

    internal static void Require(bool ok, string name, object value)
    {
        if (!ok)
        {
            throw new ArgumentException(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"MOPSO option {name} is out of range: {value}."), name);
        }
    }
}
