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
    private readonly string[] _branchIds;
    private readonly double[] _branchBaseA;
    private TimeSeriesOutput? _output;

    /// <summary>The output of runs with branch currents, kept beside <see cref="_output"/> so that alternating plain
    /// results and results with currents allocates nothing.</summary>
    private TimeSeriesOutput? _outputWithBranches;
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
        var m = network.BranchFrom.Length;
        _branchIds = new string[m];
        _branchBaseA = new double[m];
        for (var k = 0; k < m; k++)
        {
            var b = network.Branches[network.BranchSource[k]];
            _branchIds[k] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{b.FromBus}-{b.ToBus}");
            _branchBaseA[k] = PerUnit.CurrentBaseA(network.Buses[network.BranchFrom[k]].BaseKv, network.BaseKva);
        }
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
    public int BranchCount => _branchIds.Length;

    /// <inheritdoc/>
    public IReadOnlyList<string> BranchIds => _branchIds;

    /// <inheritdoc/>
    public GridSeriesResult CreateResult(int slots) => new(_network, slots, _network.BusCount, 1, _present);

    /// <inheritdoc/>
    public GridSeriesResult CreateResult(int slots, bool withBranchCurrents)
    {
        if (!withBranchCurrents)
        {
            return CreateResult(slots);
        }

        var present = new bool[_branchIds.Length];
        Array.Fill(present, true);
        return new(_network, slots, _network.BusCount, 1, _present, present);
    }

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
        var branches = result.BranchCount;
        if (_extraP.Length != slots * n)
        {
            _extraP = new double[slots * n];
            _extraQ = new double[slots * n];
        }

        ref var cached = ref branches > 0 ? ref _outputWithBranches : ref _output;
        if (cached is null || cached.Slots != slots || cached.BranchCount != branches)
        {
            cached = new TimeSeriesOutput(slots, n, branches);
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

        var o = cached;
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

        if (branches > 0)
        {
            var pu = o.BranchCurrentsPu;
            var amps = result.BranchCurrentArray;
            for (var i = 0; i < pu.Length; i++)
            {
                amps[i] = pu[i] * _branchBaseA[i % branches];
            }
        }
    }
}
