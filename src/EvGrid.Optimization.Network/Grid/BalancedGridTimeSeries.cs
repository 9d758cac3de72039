namespace EvGrid.Optimization.Network.Grid;

/// <summary>
/// <see cref="IGridTimeSeries"/> on a balanced radial <see cref="PowerNetwork"/> (one phase per bus), over a
/// <see cref="TimeSeriesPowerFlow"/>: per slot, loads = multiplier × nominal ZIP loads + the slot's injections as
/// constant-power demand at their buses. One instance per thread.
/// </summary>
public sealed class BalancedGridTimeSeries : IGridTimeSeries
{
    private readonly PowerNetwork _network;
    private readonly TimeSeriesPowerFlow _series;
    private readonly string[] _ids;
    private readonly bool[] _present;
    private TimeSeriesOutput? _output;
    private double[] _extraP = [];
    private double[] _extraQ = [];

    /// <summary>Creates the series of a radial network.</summary>
    /// <param name="network">A radial network.</param>
    /// <param name="options">Tolerance and iteration cap per slot (default when null).</param>
    public BalancedGridTimeSeries(PowerNetwork network, PowerFlowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _series = new TimeSeriesPowerFlow(network, options);
        _ids = network.Buses.Select(b => b.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        _present = new bool[network.BusCount];
        Array.Fill(_present, true);
    }

    /// <summary>The network.</summary>
    public PowerNetwork Network => _network;

    /// <inheritdoc/>
    public int PhaseCount => 1;

    /// <inheritdoc/>
    public int VoltagePointCount => _network.BusCount;

    /// <inheritdoc/>
    public IReadOnlyList<string> VoltagePointIds => _ids;

    /// <inheritdoc/>
    public int LoadGroupCount => 1;

    /// <inheritdoc/>
    public ConnectionMap Connect(IReadOnlyList<ConnectionPoint> points) => ConnectionMap.ForNetwork(_network, points);

    /// <inheritdoc/>
    public GridSeriesResult CreateResult(int slots) => new(_network, slots, _network.BusCount, 1, _present);

    /// <inheritdoc/>
    public void RunGrouped(ReadOnlySpan<double> groupMultipliers, SlotInjections injections, GridSeriesResult result) =>
        Run(groupMultipliers, injections, result);

    /// <inheritdoc/>
    /// <remarks>The first run with a new slot count allocates the scratch arrays; later runs allocate nothing.</remarks>
    public void Run(ReadOnlySpan<double> baseLoadMultipliers, SlotInjections injections, GridSeriesResult result)
    {
        GridSeriesResult.CheckRun(_network, injections, result, baseLoadMultipliers.Length, 1);
        var slots = injections.Slots;
        var n = _network.BusCount;
        if (_output is null || _output.Slots != slots)
        {
            _output = new TimeSeriesOutput(slots, n);
            _extraP = new double[slots * n];
            _extraQ = new double[slots * n];
        }

        Array.Clear(_extraP);
        Array.Clear(_extraQ);
        var bus = injections.Map.VoltagePointIndices;
        for (var t = 0; t < slots; t++)
        {
            for (var i = 0; i < injections.Points; i++)
            {
                injections.Power(t, i, out var kw, out var kvar);
                _extraP[(t * n) + bus[i]] += kw;
                _extraQ[(t * n) + bus[i]] += kvar;
            }
        }

        var o = _output;
        _series.Run(baseLoadMultipliers, _extraP, _extraQ, o);
        o.VoltageMagnitudesPu.CopyTo(result.VoltageArray, 0);
        for (var t = 0; t < slots; t++)
        {
            result.LossesKwArray[t] = o.LossesKw[t];
            result.SubstationKwArray[t] = o.SlackPKw[t];
            result.SubstationKvaArray[t] = Math.Sqrt((o.SlackPKw[t] * o.SlackPKw[t]) + (o.SlackQKvar[t] * o.SlackQKvar[t]));
            result.StatusArray[t] = o.Status[t];
            result.IterationsArray[t] = o.Iterations[t];
        }
    }
}
