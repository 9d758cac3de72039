using System.Collections.ObjectModel;

namespace EvGrid.Optimization.Network;

/// <summary>
/// An immutable, validated balanced (positive-sequence) network: buses, branches, ZIP loads, shunts and
/// distributed generation on a per-unit system with a common kVA base. Create one with <see cref="NetworkBuilder"/>,
/// a built-in feeder from <see cref="FeederCatalog"/>, or <see cref="MatpowerCaseReader"/>.
/// </summary>
/// <remarks>
/// Besides the element lists the network keeps a compiled form the solvers share: per-bus ZIP coefficients in pu
/// (net of distributed generation) and the in-service branches as index arrays.
/// </remarks>
public sealed class PowerNetwork
{
    private readonly Dictionary<int, int> _indexById;
    private AdmittanceMatrix? _admittance;

    internal PowerNetwork(
        string name,
        double baseKva,
        Bus[] buses,
        Branch[] branches,
        Load[] loads,
        ShuntElement[] shunts,
        DistributedGenerator[] generators)
    {
        Name = name;
        BaseKva = baseKva;
        Buses = new ReadOnlyCollection<Bus>(buses);
        Branches = new ReadOnlyCollection<Branch>(branches);
        Loads = new ReadOnlyCollection<Load>(loads);
        Shunts = new ReadOnlyCollection<ShuntElement>(shunts);
        Generators = new ReadOnlyCollection<DistributedGenerator>(generators);

        var n = buses.Length;
        _indexById = new Dictionary<int, int>(n);
        for (var i = 0; i < n; i++)
        {
            _indexById[buses[i].Id] = i;
            if (buses[i].Kind == BusKind.Slack)
            {
                SlackIndex = i;
            }
        }

        PConstantPower = new double[n];
        QConstantPower = new double[n];
        PConstantCurrent = new double[n];
        QConstantCurrent = new double[n];
        ShuntG = new double[n];
        ShuntB = new double[n];
        foreach (var load in loads)
        {
            var k = _indexById[load.Bus];
            var p = load.PKw / baseKva;
            var q = load.QKvar / baseKva;
            var ps = load.EffectivePShares;
            var qs = load.EffectiveQShares;
            PConstantPower[k] += p * ps.ConstantPower;
            PConstantCurrent[k] += p * ps.ConstantCurrent;
            ShuntG[k] += p * ps.ConstantImpedance;
            QConstantPower[k] += q * qs.ConstantPower;
            QConstantCurrent[k] += q * qs.ConstantCurrent;
            ShuntB[k] -= q * qs.ConstantImpedance;
        }

        foreach (var shunt in shunts)
        {
            var k = _indexById[shunt.Bus];
            ShuntG[k] += shunt.PKw / baseKva;
            ShuntB[k] += shunt.QKvar / baseKva;
        }

        foreach (var dg in generators)
        {
            var k = _indexById[dg.Bus];
            PConstantPower[k] -= dg.PKw / baseKva;
            QConstantPower[k] -= dg.QKvar / baseKva;
        }

        var active = 0;
        foreach (var b in branches)
        {
            if (b.InService)
            {
                active++;
            }
        }

        BranchSource = new int[active];
        BranchFrom = new int[active];
        BranchTo = new int[active];
        BranchR = new double[active];
        BranchX = new double[active];
        BranchB = new double[active];
        var j = 0;
        for (var i = 0; i < branches.Length; i++)
        {
            var b = branches[i];
            if (!b.InService)
            {
                continue;
            }

            BranchSource[j] = i;
            BranchFrom[j] = _indexById[b.FromBus];
            BranchTo[j] = _indexById[b.ToBus];
            BranchR[j] = b.ResistancePu;
            BranchX[j] = b.ReactancePu;
            BranchB[j] = b.ChargingSusceptancePu;
            j++;
        }

        HasConstantCurrentLoad = Array.Exists(PConstantCurrent, v => v != 0) || Array.Exists(QConstantCurrent, v => v != 0);
        LoopBranchIndex = FindLoopBranch();
    }

    /// <summary>Name of the network (e.g. <c>ieee33</c>).</summary>
    public string Name { get; }

    /// <summary>Three-phase power base in kVA, shared by every bus.</summary>
    public double BaseKva { get; }

    /// <summary>Buses in the order they were added (results use this order).</summary>
    public IReadOnlyList<Bus> Buses { get; }

    /// <summary>All branches, in service or not, in the order they were added.</summary>
    public IReadOnlyList<Branch> Branches { get; }

    /// <summary>Loads (ZIP, nominal kW/kVAr at 1 pu).</summary>
    public IReadOnlyList<Load> Loads { get; }

    /// <summary>Shunt capacitors / conductances (rated at 1 pu).</summary>
    public IReadOnlyList<ShuntElement> Shunts { get; }

    /// <summary>Distributed generators (constant-power injections).</summary>
    public IReadOnlyList<DistributedGenerator> Generators { get; }

    /// <summary>Number of buses.</summary>
    public int BusCount => Buses.Count;

    /// <summary>Index (in <see cref="Buses"/>) of the slack bus.</summary>
    public int SlackIndex { get; }

    /// <summary>True when the in-service branches form a tree (no loop), so the radial sweep applies.</summary>
    public bool IsRadial => LoopBranchIndex < 0;

    /// <summary>Total nominal load in kW (sum of <see cref="Load.PKw"/>, at 1 pu, without generation).</summary>
    public double TotalLoadKw => Loads.Sum(l => l.PKw);

    /// <summary>Total nominal reactive load in kVAr (sum of <see cref="Load.QKvar"/>, at 1 pu).</summary>
    public double TotalLoadKvar => Loads.Sum(l => l.QKvar);

    /// <summary>
    /// Index in <see cref="Branches"/> of an in-service branch that closes a loop, or -1 for a radial network.
    /// </summary>
    public int LoopBranchIndex { get; }

    internal int[] BranchSource { get; }

    internal int[] BranchFrom { get; }

    internal int[] BranchTo { get; }

    internal double[] BranchR { get; }

    internal double[] BranchX { get; }

    internal double[] BranchB { get; }

    internal double[] PConstantPower { get; }

    internal double[] QConstantPower { get; }

    internal double[] PConstantCurrent { get; }

    internal double[] QConstantCurrent { get; }

    internal double[] ShuntG { get; }

    internal double[] ShuntB { get; }

    internal bool HasConstantCurrentLoad { get; }

    /// <summary>The bus admittance matrix, built on first use and cached (the network is immutable).</summary>
    internal AdmittanceMatrix Admittance => LazyInitializer.EnsureInitialized(ref _admittance, () => AdmittanceMatrix.Build(this));

    /// <summary>Index in <see cref="Buses"/> of the bus with this id.</summary>
    /// <param name="busId">A bus id.</param>
    /// <returns>The bus index.</returns>
    /// <exception cref="KeyNotFoundException">No bus has this id.</exception>
    public int IndexOf(int busId) =>
        _indexById.TryGetValue(busId, out var i) ? i : throw new KeyNotFoundException($"bus {busId} is not in network '{Name}'.");

    /// <summary>True when a bus with this id exists.</summary>
    /// <param name="busId">A bus id.</param>
    /// <returns>Whether the bus exists.</returns>
    public bool ContainsBus(int busId) => _indexById.ContainsKey(busId);

    /// <summary>A builder pre-filled with this network's elements, to derive a modified network.</summary>
    /// <returns>A new builder.</returns>
    public NetworkBuilder ToBuilder()
    {
        var b = new NetworkBuilder(Name, BaseKva);
        foreach (var x in Buses)
        {
            b.AddBus(x);
        }

        foreach (var x in Branches)
        {
            b.AddBranch(x);
        }

        foreach (var x in Loads)
        {
            b.AddLoad(x);
        }

        foreach (var x in Shunts)
        {
            b.AddShunt(x);
        }

        foreach (var x in Generators)
        {
            b.AddGenerator(x);
        }

        return b;
    }

    /// <summary>The same network with every branch in service (tie switches closed): usually meshed.</summary>
    /// <returns>A new network.</returns>
    public PowerNetwork WithAllBranchesClosed()
    {
        var b = ToBuilder();
        b.SetAllBranchesInService();
        return b.Build();
    }

    /// <summary>Describes branch <paramref name="index"/> of <see cref="Branches"/> for messages: <c>branch 7 (7→8)</c>.</summary>
    /// <param name="index">Index in <see cref="Branches"/>.</param>
    /// <returns>A short description.</returns>
    public string DescribeBranch(int index) => $"branch {index + 1} ({Branches[index].FromBus}->{Branches[index].ToBus})";

    private int FindLoopBranch()
    {
        // Union-find over in-service branches: the first branch joining two already connected buses closes a loop.
        var parent = new int[BusCount];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        for (var k = 0; k < BranchFrom.Length; k++)
        {
            var a = Find(BranchFrom[k]);
            var c = Find(BranchTo[k]);
            if (a == c)
            {
                return BranchSource[k];
            }

            parent[a] = c;
        }

        return -1;
    }
}
