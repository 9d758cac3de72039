using System.Globalization;
using EvGrid.Optimization.Network.ThreePhase;

namespace EvGrid.Optimization.Network.Grid;

/// <summary>
/// A validated list of <see cref="ConnectionPoint"/>s resolved against one grid (created by
/// <see cref="IGridTimeSeries.Connect"/>): point i is column i of every <see cref="SlotInjections"/> built on it.
/// Immutable; share it between threads.
/// </summary>
public sealed class ConnectionMap
{
    private readonly ConnectionPoint[] _points;

    private ConnectionMap(object grid, ConnectionPoint[] points, int[] index, PhaseSet[] phases, double[] tanPhi)
    {
        Owner = grid;
        _points = points;
        VoltagePointIndices = index;
        PhaseMasks = phases;
        TanPhi = tanPhi;
        PhaseCounts = new int[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            PhaseCounts[i] = phases[i].Count();
        }
    }

    /// <summary>Number of connection points.</summary>
    public int Count => _points.Length;

    /// <summary>The connection points, in column order.</summary>
    public IReadOnlyList<ConnectionPoint> Points => _points;

    /// <summary>The voltage point (bus index or node index of the grid) of a connection point.</summary>
    /// <param name="point">Connection point index.</param>
    /// <returns>The index into the grid's <see cref="IGridTimeSeries.VoltagePointIds"/>.</returns>
    public int VoltagePointIndex(int point) => VoltagePointIndices[point];

    /// <summary>The grid object (network or feeder) this map was resolved against.</summary>
    internal object Owner { get; }

    /// <summary>Bus index (balanced) or node index (three-phase) of each point.</summary>
    internal int[] VoltagePointIndices { get; }

    /// <summary>Phases of each point (ABC for a balanced bus).</summary>
    internal PhaseSet[] PhaseMasks { get; }

    /// <summary>Number of phases of each point.</summary>
    internal int[] PhaseCounts { get; }

    /// <summary>tan(acos(power factor)) of each point: derived kVAr = kW · tanφ.</summary>
    internal double[] TanPhi { get; }

    /// <summary>Resolves points on a balanced network.</summary>
    internal static ConnectionMap ForNetwork(PowerNetwork network, IReadOnlyList<ConnectionPoint> points) =>
        Resolve(network, points, (i, p) =>
        {
            if (p.Kind != ConnectionKind.Bus)
            {
                throw new NetworkValidationException($"connection point {i} ({p})", $"network '{network.Name}' is balanced; use ConnectionPoint.Bus(\"{p.Id}\")");
            }

            if (!int.TryParse(p.Id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || !network.ContainsBus(id))
            {
                throw new NetworkValidationException($"connection point {i} (bus {p.Id})", $"bus '{p.Id}' is not in network '{network.Name}'");
            }

            var b = network.IndexOf(id);
            if (b == network.SlackIndex)
            {
                throw new NetworkValidationException($"connection point {i} (bus {p.Id})", $"bus {p.Id} is the slack bus of network '{network.Name}'; connect demand to a load bus");
            }

            return (b, PhaseSet.ABC);
        });

    /// <summary>Resolves points on a three-phase feeder.</summary>
    internal static ConnectionMap ForFeeder(ThreePhaseFeeder feeder, IReadOnlyList<ConnectionPoint> points) =>
        Resolve(feeder, points, (i, p) =>
        {
            if (p.Kind != ConnectionKind.Node)
            {
                throw new NetworkValidationException($"connection point {i} ({p})", $"feeder '{feeder.Name}' is three-phase; use ConnectionPoint.Node(\"{p.Id}\", phases)");
            }

            if (!feeder.NodeIndex.TryGetValue(p.Id, out var n))
            {
                throw new NetworkValidationException($"connection point {i} (node {p.Id})", $"node '{p.Id}' is not in feeder '{feeder.Name}'");
            }

            if (feeder.ParentBranch[n] < 0)
            {
                throw new NetworkValidationException($"connection point {i} (node {p.Id})", $"node '{p.Id}' is the source bus of feeder '{feeder.Name}'; connect demand to a load node");
            }

            PhaseSet set;
            try
            {
                set = PhaseSets.Parse(p.Phases);
            }
            catch (FormatException e)
            {
                throw new NetworkValidationException($"connection point {i} (node {p.Id})", e.Message);
            }

            var present = feeder.NodePhaseArray[n];
            for (var ph = 0; ph < 3; ph++)
            {
                if (set.Has(ph) && !present.Has(ph))
                {
                    throw new NetworkValidationException(
                        $"connection point {i} (node {p.Id})",
                        $"phase {PhaseSets.Letter(ph)} is absent at node '{p.Id}' (present: {present.ToLetters()})");
                }
            }

            return (n, set);
        });

    /// <summary>Copies and resolves every point with <paramref name="resolve"/> (its voltage-point index and phases).</summary>
    private static ConnectionMap Resolve(object grid, IReadOnlyList<ConnectionPoint> points, Func<int, ConnectionPoint, (int Index, PhaseSet Phases)> resolve)
    {
        ArgumentNullException.ThrowIfNull(points);
        var copy = Copy(points);
        var index = new int[copy.Length];
        var phases = new PhaseSet[copy.Length];
        var tan = new double[copy.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            (index[i], phases[i]) = resolve(i, copy[i]);
            tan[i] = ComputeTanPhi(i, copy[i]);
        }

        return new ConnectionMap(grid, copy, index, phases, tan);
    }

    private static ConnectionPoint[] Copy(IReadOnlyList<ConnectionPoint> points)
    {
        var copy = new ConnectionPoint[points.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = points[i] ?? throw new ArgumentNullException(nameof(points), $"connection point {i} is null");
        }

        return copy;
    }

    private static double ComputeTanPhi(int i, ConnectionPoint p)
    {
        if (!(p.PowerFactor > 0 && p.PowerFactor <= 1))
        {
            throw new NetworkValidationException($"connection point {i} ({p})", $"power factor must be in (0, 1], got {p.PowerFactor.ToString(CultureInfo.InvariantCulture)}");
        }

        return p.PowerFactor == 1.0 ? 0.0 : Math.Tan(Math.Acos(p.PowerFactor));
    }
}
