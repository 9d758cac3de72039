namespace EvGrid.Optimization.Network.Grid;

/// <summary>
/// Injections that move together along one direction: in every slot, connection point i takes
/// <see cref="Weights"/>[i] × one total kW that lies in [<see cref="MinTotalKw"/>, <see cref="MaxTotalKw"/>] of the
/// slot (kVAr from each point's power factor). A scheduling study whose fleet load is split over its nodes in fixed
/// shares moves this way. Given to <see cref="ThreePhaseGridTimeSeries.CreateReferenceStartGrouped(ReadOnlySpan{double}, SlotInjections, InjectionAxis)"/>, it makes the
/// reference start tabulate the solved voltages of every slot at <see cref="Levels"/> evenly spaced totals, so a run
/// whose injections lie on the axis starts from a cubic interpolation of the table: usually one sweep per slot.
/// </summary>
public sealed class InjectionAxis
{
    /// <summary>Default number of tabulated totals per slot.</summary>
    public const int DefaultLevels = 17;

    private readonly double[] _weights;
    private readonly double[] _min;
    private readonly double[] _max;

    /// <summary>Creates the axis and checks it.</summary>
    /// <param name="map">The connection points (the same map the runs' injections use).</param>
    /// <param name="weights">Share of the total per point (finite, non-negative, summing to 1 within 1e-9).</param>
    /// <param name="minTotalKw">Smallest total per slot, kW (signed: negative = net generation or V2G discharge).</param>
    /// <param name="maxTotalKw">Largest total per slot, kW (at least the slot's minimum).</param>
    /// <param name="levels">Tabulated totals per slot, 4 to 257 (cubic interpolation needs four).</param>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public InjectionAxis(ConnectionMap map, IReadOnlyList<double> weights, IReadOnlyList<double> minTotalKw,
        IReadOnlyList<double> maxTotalKw, int levels = DefaultLevels)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(minTotalKw);
        ArgumentNullException.ThrowIfNull(maxTotalKw);
        if (weights.Count != map.Count)
        {
            throw new ArgumentException($"weights holds {weights.Count} values, expected one per connection point ({map.Count}).", nameof(weights));
        }

        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            if (!double.IsFinite(weights[i]) || weights[i] < 0)
            {
                throw new ArgumentException($"weights[{i}] must be finite and non-negative, got {weights[i]}.", nameof(weights));
            }

            sum += weights[i];
        }

        if (Math.Abs(sum - 1) > 1e-9)
        {
            throw new ArgumentException($"weights must sum to 1, got {sum}.", nameof(weights));
        }

        if (minTotalKw.Count == 0 || minTotalKw.Count != maxTotalKw.Count)
        {
            throw new ArgumentException($"minTotalKw and maxTotalKw must hold one value per slot each, got {minTotalKw.Count} and {maxTotalKw.Count}.", nameof(minTotalKw));
        }

        for (var t = 0; t < minTotalKw.Count; t++)
        {
            if (!double.IsFinite(minTotalKw[t]) || !double.IsFinite(maxTotalKw[t]) || maxTotalKw[t] < minTotalKw[t])
            {
                throw new ArgumentException($"slot {t}: the range [minTotalKw, maxTotalKw] = [{minTotalKw[t]}, {maxTotalKw[t]}] must be finite and not reversed.", nameof(maxTotalKw));
            }
        }

        if (levels is < 4 or > 257)
        {
            throw new ArgumentOutOfRangeException(nameof(levels), levels, "levels must be in [4, 257].");
        }

        Map = map;
        _weights = [.. weights];
        _min = [.. minTotalKw];
        _max = [.. maxTotalKw];
        Levels = levels;
    }

    /// <summary>The connection points.</summary>
    public ConnectionMap Map { get; }

    /// <summary>Share of the total per point.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>Smallest total per slot, kW.</summary>
    public IReadOnlyList<double> MinTotalKw => _min;

    /// <summary>Largest total per slot, kW.</summary>
    public IReadOnlyList<double> MaxTotalKw => _max;

    /// <summary>Tabulated totals per slot.</summary>
    public int Levels { get; }

    /// <summary>Number of slots.</summary>
    public int Slots => _min.Length;

    internal double[] WeightArray => _weights;

    /// <summary>Total of level k in slot t, kW (evenly spaced from the slot's minimum to its maximum).</summary>
    internal double LevelKw(int t, int k) => _min[t] + ((_max[t] - _min[t]) * k / (Levels - 1));
}
