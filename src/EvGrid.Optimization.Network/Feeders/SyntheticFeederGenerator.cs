using MathNet.Numerics.Random;

namespace EvGrid.Optimization.Network;

/// <summary>Parameters of <see cref="SyntheticFeederGenerator"/>.</summary>
/// <param name="BaseKv">Voltage base in kV (line-to-line).</param>
/// <param name="BaseKva">Power base in kVA.</param>
/// <param name="ContinuationProbability">
/// Probability that a new bus extends the previous bus's line (long laterals); otherwise it attaches to a uniformly
/// drawn earlier bus (branching).
/// </param>
/// <param name="MinSegmentKm">Shortest line segment, km.</param>
/// <param name="MaxSegmentKm">Longest line segment, km.</param>
/// <param name="ResistanceOhmPerKm">Range of series resistance, Ω/km (typical overhead conductors 0.1–0.6).</param>
/// <param name="XOverR">Range of the X/R ratio of a segment.</param>
/// <param name="MinLoadKw">Smallest bus load, kW (before scaling).</param>
/// <param name="MaxLoadKw">Largest bus load, kW (before scaling).</param>
/// <param name="MinPowerFactor">Lowest load power factor (lagging).</param>
/// <param name="MaxPowerFactor">Highest load power factor (lagging).</param>
/// <param name="TargetVoltageDropPu">
/// Loads are scaled so that the linearised (DistFlow) voltage drop at the farthest bus equals this value; 0 keeps the
/// drawn loads as they are.
/// </param>
/// <param name="LoadShares">ZIP shares of every load.</param>
public sealed record SyntheticFeederOptions(
    double BaseKv = 12.66,
    double BaseKva = 10_000,
    double ContinuationProbability = 0.6,
    double MinSegmentKm = 0.05,
    double MaxSegmentKm = 0.5,
    (double Min, double Max)? ResistanceOhmPerKm = null,
    (double Min, double Max)? XOverR = null,
    double MinLoadKw = 10,
    double MaxLoadKw = 200,
    double MinPowerFactor = 0.85,
    double MaxPowerFactor = 0.98,
    double TargetVoltageDropPu = 0.06,
    ZipShares? LoadShares = null)
{
    /// <summary>Defaults: 12.66 kV, 10 MVA base, 6 % drop at the far end, constant-power loads.</summary>
    public static SyntheticFeederOptions Default { get; } = new();
}

/// <summary>
/// Seeded generator of radial feeders of any size with realistic impedances and loads, for scaling studies and
/// property tests. The same seed and options give the same feeder on every machine (xoshiro256** from
/// MathNet.Numerics).
/// </summary>
public static class SyntheticFeederGenerator
{
    /// <summary>Generates a radial feeder with buses 1..<paramref name="busCount"/> (bus 1 is the slack).</summary>
    /// <param name="busCount">Number of buses, at least 2.</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="options">Parameters; null for <see cref="SyntheticFeederOptions.Default"/>.</param>
    /// <returns>The network, named <c>synthetic-N-seed</c>.</returns>
    public static PowerNetwork Generate(int busCount, int seed, SyntheticFeederOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(busCount, 2);
        var o = options ?? SyntheticFeederOptions.Default;
        if (!(o.ContinuationProbability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), o.ContinuationProbability, "ContinuationProbability must be in [0, 1].");
        }

        var (rMin, rMax) = o.ResistanceOhmPerKm ?? (0.1, 0.6);
        var (xrMin, xrMax) = o.XOverR ?? (0.5, 1.5);
        var rng = new Xoshiro256StarStar(seed);
        double U(double a, double b) => a + ((b - a) * rng.NextDouble());

        var parent = new int[busCount];
        var r = new double[busCount];
        var x = new double[busCount];
        var p = new double[busCount];
        var q = new double[busCount];
        parent[0] = -1;
        for (var k = 1; k < busCount; k++)
        {
            parent[k] = k == 1 || rng.NextDouble() < o.ContinuationProbability ? k - 1 : rng.Next(0, k);
            var km = U(o.MinSegmentKm, o.MaxSegmentKm);
            r[k] = km * U(rMin, rMax);
            x[k] = r[k] * U(xrMin, xrMax);
            p[k] = U(o.MinLoadKw, o.MaxLoadKw);
            var pf = U(o.MinPowerFactor, o.MaxPowerFactor);
            q[k] = p[k] * Math.Tan(Math.Acos(pf));
        }

        var zb = PerUnit.ImpedanceBaseOhm(o.BaseKv, o.BaseKva);
        var scale = 1.0;
        if (o.TargetVoltageDropPu > 0)
        {
            // Linearised DistFlow: drop_k = drop_parent + (r P_down + x Q_down) in pu (parents precede children).
            var pd = (double[])p.Clone();
            var qd = (double[])q.Clone();
            for (var k = busCount - 1; k > 0; k--)
            {
                pd[parent[k]] += pd[k];
                qd[parent[k]] += qd[k];
            }

            var drop = new double[busCount];
            var max = 0.0;
            for (var k = 1; k < busCount; k++)
            {
                drop[k] = drop[parent[k]] + (((r[k] * pd[k]) + (x[k] * qd[k])) / zb / o.BaseKva);
                max = Math.Max(max, drop[k]);
            }

            scale = o.TargetVoltageDropPu / max;
        }

        var b = new NetworkBuilder($"synthetic-{busCount}-{seed}", o.BaseKva);
        for (var k = 0; k < busCount; k++)
        {
            b.AddBus(new Bus(k + 1, o.BaseKv, k == 0 ? BusKind.Slack : BusKind.Load));
        }

        for (var k = 1; k < busCount; k++)
        {
            b.AddBranchOhm(parent[k] + 1, k + 1, r[k], x[k]);
            b.AddLoad(new Load(k + 1, p[k] * scale, q[k] * scale, o.LoadShares));
        }

        return b.Build();
    }
}
