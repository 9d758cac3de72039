using System.Globalization;
using EvGrid.Optimization.Network;
using EvGrid.Optimization.Network.Grid;

namespace EvGrid.Optimization.Planning.Siting;

/// <summary>An explicit ampacity I_ij,max of one branch (seed 002 eq. (27)), matched in either direction.</summary>
/// <param name="FromBus">Bus id at one end.</param>
/// <param name="ToBus">Bus id at the other end.</param>
/// <param name="Amps">Ampacity, A; finite and &gt; 0.</param>
public sealed record BranchAmpacity(int FromBus, int ToBus, double Amps);

/// <summary>
/// Branch ampacities I_ij,max of seed 002 eq. (27), |I_ij| ≤ I_ij,max. The paper prints none and the MATPOWER
/// case files of IEEE 33 (case33bw) and PG&amp;E 69 (case69) carry none (rateA = 0 on every branch), so the default is
/// a stated assumption: each in-service branch is rated <see cref="BaseLoadingMargin"/> (2) times the current it carries
/// in the base case (the network's nominal loads, no DG, no EVs — conductors sized for a loading of at most 50 % at
/// the base peak), and never below <see cref="MinimumA"/> (100 A, a small overhead conductor; it governs the lightly
/// loaded laterals, whose base currents are a few A). <see cref="Ampacities"/> replaces the rule for the branches it
/// names (e.g. ratings from a utility's conductor data).
/// </summary>
public sealed record BranchRatings
{
    /// <summary>The default rule: 2 × the base-case current, at least 100 A.</summary>
    public static BranchRatings Default { get; } = new();

    /// <summary>No branch-current limit (eq. (27) left out): every rating is +∞.</summary>
    public static BranchRatings Unlimited { get; } = new() { MinimumA = double.PositiveInfinity };

    /// <summary>Rating of a branch as a multiple of its base-case current (finite, &gt; 0). Default 2.</summary>
    public double BaseLoadingMargin { get; init; } = 2.0;

    /// <summary>Smallest rating of a branch under the rule, A (&gt; 0; +∞ disables eq. (27)). Default 100 A.</summary>
    public double MinimumA { get; init; } = 100.0;

    /// <summary>Explicit ratings that replace the rule for the branches they name (in service, each named once).</summary>
    public IReadOnlyList<BranchAmpacity> Ampacities { get; init; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> naming the field and value.</summary>
    public void Validate()
    {
        if (!(BaseLoadingMargin > 0) || double.IsInfinity(BaseLoadingMargin))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"BranchRatings.BaseLoadingMargin must be finite and > 0, got {BaseLoadingMargin}."));
        }

        if (!(MinimumA > 0))
        {
            // A 0 A floor would rate a branch without base-case current at 0 A, and its loading 0/0.
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"BranchRatings.MinimumA must be > 0 A (+∞ for no limit), got {MinimumA}."));
        }

        ArgumentNullException.ThrowIfNull(Ampacities, nameof(Ampacities));
        for (var i = 0; i < Ampacities.Count; i++)
        {
            var a = Ampacities[i] ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"BranchRatings.Ampacities[{i}] is null."));
            if (!(a.Amps > 0) || double.IsInfinity(a.Amps))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"BranchRatings.Ampacities: the rating of branch {a.FromBus}-{a.ToBus} must be finite and > 0 A, got {a.Amps}."));
            }
        }
    }

    /// <summary>
    /// The rating of every in-service branch of <paramref name="network"/>, A, in the order of
    /// <see cref="IGridTimeSeries.BranchIds"/> of a <see cref="BalancedGridTimeSeries"/>: the rule applied to one
    /// base-case power flow (nominal loads), then the explicit <see cref="Ampacities"/>.
    /// </summary>
    /// <param name="network">A radial network.</param>
    /// <returns>I_ij,max per branch, A (+∞ where unlimited).</returns>
    /// <exception cref="ArgumentException">A rating names a branch that is not in service, or names one twice.</exception>
    /// <exception cref="InvalidOperationException">The base-case power flow does not converge.</exception>
    public double[] Resolve(PowerNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        Validate();
        var grid = new BalancedGridTimeSeries(network);
        var ratings = new double[grid.BranchCount];
        if (double.IsPositiveInfinity(MinimumA))
        {
            Array.Fill(ratings, double.PositiveInfinity);
        }
        else
        {
            var result = grid.CreateResult(1, withBranchCurrents: true);
            grid.Run([1.0], new SlotInjections(grid.Connect([]), 1), result);
            if (!result.AllConverged)
            {
                throw new InvalidOperationException($"The base-case power flow of network '{network.Name}' ({result.Status[0]}) gives no branch currents to rate the branches by; give every rating in BranchRatings.Ampacities.");
            }

            for (var k = 0; k < ratings.Length; k++)
            {
                ratings[k] = Math.Max(BaseLoadingMargin * result.BranchCurrentA(0, k), MinimumA);
            }
        }

        // The seam lists the in-service branches in network order, so branch k is the k-th in-service branch (a radial
        // network has no parallel branches: two between the same buses are a loop the seam refuses).
        var index = new Dictionary<(int, int), int>();
        var inService = network.Branches.Where(b => b.InService).ToArray();
        for (var k = 0; k < inService.Length; k++)
        {
            var b = inService[k];
            index[(Math.Min(b.FromBus, b.ToBus), Math.Max(b.FromBus, b.ToBus))] = k;
        }

        var named = new HashSet<int>();
        foreach (var a in Ampacities)
        {
            if (!index.TryGetValue((Math.Min(a.FromBus, a.ToBus), Math.Max(a.FromBus, a.ToBus)), out var k))
            {
                throw new ArgumentException($"BranchRatings.Ampacities: branch {a.FromBus}-{a.ToBus} is not an in-service branch of network '{network.Name}'.");
            }

            if (!named.Add(k))
            {
                throw new ArgumentException($"BranchRatings.Ampacities names branch {a.FromBus}-{a.ToBus} twice.");
            }

            ratings[k] = a.Amps;
        }

        return ratings;
    }
}
