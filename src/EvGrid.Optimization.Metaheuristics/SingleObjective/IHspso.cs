using System.Runtime.CompilerServices;
namespace EvGrid.Optimization.Metaheuristics.SingleObjective;

/// <summary>
/// Options of I-HSPSO (seed 002 §5.1). The swarm part defaults to logistic-map chaotic initialisation with λ = 4
/// (eqs. 31–32), cosine inertia from 0.95 to 0.4 (eq. 33) and time-varying c₁: 2.5 → 0.5, c₂: 0.5 → 2.5 (eq. 34; the
/// paper gives the form, these are the usual values of Ratnaweera et al. 2004) and |v| ≤ 0.5 of the range. The harmony
/// part improvises <see cref="HarmoniesPerIteration"/> new harmonies per iteration from the personal-best memory with
/// HMCR = 0.9 and the improved-harmony-search schedules of Mahdavi et al. (2007): PAR 0.35 → 0.99 and bandwidth
/// 5 % → 10⁻¹⁰ of the range. The paper states none of these values; docs/models.md explains the choices.
/// </summary>
public sealed record IHspsoOptions
{
    /// <summary>Swarm settings (defaults: eqs. 31–34 as described above).</summary>
    public PsoOptions Swarm { get; init; } = new()
    {
        InertiaSchedule = InertiaSchedule.Cosine,
        InertiaStart = 0.95,
        InertiaEnd = 0.4,
        C1Start = 2.5,
        C1End = 0.5,
        C2Start = 0.5,
        C2End = 2.5,
        Initialization = InitializationMethod.LogisticChaotic,
        VelocityClampFraction = 0.5,
    };

    /// <summary>New harmonies improvised from the personal-best memory per iteration (null = the swarm size, so the
    /// harmony step evaluates as many candidates as the swarm move; 0 turns the step off).</summary>
    public int? HarmoniesPerIteration { get; init; }

    /// <summary>Harmony memory considering rate (HMCR).</summary>
    public double ConsiderationRate { get; init; } = 0.9;

    /// <summary>Pitch adjusting rate at t = 0.</summary>
    public double PitchAdjustRateMin { get; init; } = 0.35;

    /// <summary>Pitch adjusting rate at t = T.</summary>
    public double PitchAdjustRateMax { get; init; } = 0.99;

    /// <summary>Bandwidth at t = 0 as a fraction of each range.</summary>
    public double BandwidthMaxFraction { get; init; } = 0.05;

    /// <summary>Bandwidth at t = T as a fraction of each range (exponential decay in between, as in IHS). The small
    /// final value turns the harmony step into a fine local search late in the run.</summary>
    public double BandwidthMinFraction { get; init; } = 1e-10;

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentException">A value is out of range (the message names it).</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Swarm, nameof(Swarm));
        Swarm.Validate();
        Harmony.Validate();
        PsoOptions.Require(HarmoniesPerIteration is null or >= 0, nameof(HarmoniesPerIteration), HarmoniesPerIteration ?? 0);
    }

    /// <summary>Harmonies per iteration after resolving the default.</summary>
    internal int Harmonies => HarmoniesPerIteration ?? Swarm.SwarmSize;

    /// <summary>The harmony settings as <see cref="HarmonySearchOptions"/> (memory = the swarm's personal bests).</summary>
    internal HarmonySearchOptions Harmony => new()
    {
        MemorySize = Swarm.SwarmSize,
        ImprovisationsPerIteration = Math.Max(1, Harmonies),
        ConsiderationRate = ConsiderationRate,
        PitchAdjustRateMin = PitchAdjustRateMin,
        PitchAdjustRateMax = PitchAdjustRateMax,
        BandwidthMaxFraction = BandwidthMaxFraction,
        BandwidthMinFraction = BandwidthMinFraction,
    };
}

/// <summary>
/// Improved harmony-search particle swarm optimisation, I-HSPSO (Liu et al. 2021, seed 002 §5.1), registry name
/// <c>ihspso</c>: a PSO with chaotic initialisation (eqs. 31–32), cosine inertia (eq. 33) and linearly varying
/// learning coefficients (eq. 34), which after each swarm move improvises new harmonies from the personal-best memory
/// (memory consideration, pitch adjustment, random selection); each new harmony replaces the worst personal best when
/// it is better (feasibility first), and the global best is then re-selected. See docs/models.md for the
/// interpretation of the paper's Figure 3.
/// </summary>
public sealed class IHspso : ResumableOptimizer, IPopulationBasedOptimizer
{
    /// <summary>Registry name.</summary>
    public const string RegistryName = "ihspso";

    /// <summary>Creates the optimizer.</summary>
    /// <param name="options">Options (null = the defaults).</param>
    public IHspso(IHspsoOptions? options = null)
    {
        Options = options ?? new IHspsoOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public IHspsoOptions Options { get; }

    /// <inheritdoc />
    public override string Name => RegistryName;

    /// <inheritdoc />
    public int PopulationSize => Options.Swarm.SwarmSize;

    /// <inheritdoc />
    public IOptimizer WithPopulationSize(int size)
        => new IHspso(Options with { Swarm = Options.Swarm with { SwarmSize = size } });

    /// <inheritdoc />
    protected override OptimizationRun CreateRun(IProblem problem, StoppingCriteria stopping, long seed)
        => new IHspsoRun(Name, Options, problem, stopping, seed);

    private sealed class IHspsoRun : PsoRun
    {
        private readonly HarmonySearchOptions _hs;
        private readonly int _h;
        private readonly int _n;
        private readonly int _k;
        private readonly double[] _nx;
        private readonly double[] _nf;
        private readonly double[] _ng;
        private readonly double[] _nv;

        public IHspsoRun(string name, IHspsoOptions options, IProblem problem, StoppingCriteria stopping, long seed)
            : base(name, options.Swarm, problem, stopping, seed)
        {
            _hs = options.Harmony;
            _h = options.Harmonies;
            _n = problem.Dimension;
            _k = problem.ConstraintCount;
            _nx = new double[Math.Max(1, _h) * _n];
            _nf = new double[Math.Max(1, _h)];
            _ng = new double[Math.Max(1, _h) * _k];
            _nv = new double[Math.Max(1, _h)];
        }

        protected override int ExtraEvaluationsPerIteration => _h;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        protected override void AfterSwarmIteration(double fraction)
        {
            var h = EvaluationAllowance(_h);
            if (h == 0)
            {
                return;
            }

            var par = _hs.PitchAdjustRate(fraction);
            var bw = _hs.BandwidthFraction(fraction);
            var memory = PersonalBestX;
            var draws = new HarmonyDraws(_hs.ConsiderationRate, par, bw, SwarmSize);
            for (var b = 0; b < h; b++)
            {
                HarmonyImproviser.Improvise(_nx.AsSpan(b * _n, _n), memory, Problem.Bounds, draws, Random);
            }

            Evaluator.Evaluate(_nx, h, _nf, _ng, _nv);
            AddEvaluations(h);
            var pf = PersonalBestF;
            var pv = PersonalBestViolation;
            // The swarm moved the personal bests since the last call, so the worst is found afresh, then again only
            // after a replacement (the same row as scanning before every harmony).
            var worst = HarmonyImproviser.Worst(pf, pv, SwarmSize);
            for (var b = 0; b < h; b++)
            {
                if (Dominance.IsBetter(_nf[b], _nv[b], pf[worst], pv[worst]))
                {
                    Array.Copy(_nx, b * _n, memory, worst * _n, _n);
                    Array.Copy(_ng, b * _k, PersonalBestG, worst * _k, _k);
                    pf[worst] = _nf[b];
                    pv[worst] = _nv[b];
                    worst = HarmonyImproviser.Worst(pf, pv, SwarmSize);
                }
            }

            UpdateGlobalBest();
        }
    }
}
