using System.Numerics;

namespace EvGrid.Optimization.Network.ThreePhase;

/// <summary>The kind of a two-port element of a three-phase feeder.</summary>
public enum ThreePhaseBranchKind
{
    /// <summary>Line segment (series Z, shunt Y split half to each end).</summary>
    Line,

    /// <summary>Closed switch (zero impedance).</summary>
    Switch,

    /// <summary>Transformer (generalized A, B, d matrices).</summary>
    Transformer,

    /// <summary>Step-voltage regulator.</summary>
    Regulator,
}

/// <summary>
/// An immutable, validated three-phase radial feeder in sweep order (built by <see cref="ThreePhaseFeederBuilder"/>).
/// Every element is a two-port written in Kersting's generalized form: V_to = A·V_from − B·I, I_from = d·I
/// (3×3 complex matrices, volts and amperes), with line charging lumped half at each end bus.
/// </summary>
public sealed class ThreePhaseFeeder
{
    internal ThreePhaseFeeder(
        string name,
        ThreePhaseSource source,
        DistributedLoadPlacement placement,
        string[] nodeIds,
        PhaseSet[] nodePhases,
        double[] baseLn,
        bool[] nodeInternal,
        int[] parentBranch,
        ThreePhaseBranchKind[] kinds,
        int[] from,
        int[] to,
        string[] branchNames,
        PhaseSet[] branchPhases,
        Complex[] a,
        Complex[] b,
        Complex[] d,
        Complex[] yHalf,
        Complex[] nodeShunt,
        CompiledLoad[] loads,
        int[] capNode,
        int[] capPhase,
        double[] capSiemens,
        int[] regulatorBranches,
        StepVoltageRegulator[] regulators,
        int loadGroupCount)
    {
        Name = name;
        Source = source;
        DistributedLoadPlacement = placement;
        NodeIdArray = nodeIds;
        NodePhaseArray = nodePhases;
        BaseLn = baseLn;
        NodeInternal = nodeInternal;
        ParentBranch = parentBranch;
        Kinds = kinds;
        From = from;
        To = to;
        BranchNames = branchNames;
        BranchPhaseArray = branchPhases;
        A = a;
        B = b;
        D = d;
        YHalf = yHalf;
        NodeShunt = nodeShunt;
        Loads = loads;
        CapNode = capNode;
        CapPhase = capPhase;
        CapSiemens = capSiemens;
        RegulatorBranches = regulatorBranches;
        RegulatorArray = regulators;
        LoadGroupCount = loadGroupCount;
        HasShunt = new bool[nodeIds.Length];
        ShuntConductance = new bool[nodeIds.Length];
        ShuntG = new double[nodeShunt.Length];
        ShuntB = new double[nodeShunt.Length];
        for (var n = 0; n < nodeIds.Length; n++)
        {
            for (var q = 0; q < 9; q++)
            {
                var y = nodeShunt[(n * 9) + q];
                HasShunt[n] |= y != Complex.Zero;
                ShuntConductance[n] |= y.Real != 0;
                ShuntG[(n * 9) + q] = y.Real;
                ShuntB[(n * 9) + q] = y.Imaginary;
            }
        }

        var shuntNodes = new List<int>();
        for (var n = 0; n < nodeIds.Length; n++)
        {
            if (HasShunt[n])
            {
                shuntNodes.Add(n);
            }
        }

        ShuntNodes = [.. shuntNodes];
        SinglePhaseLine = new sbyte[kinds.Length];
        for (var k = 0; k < kinds.Length; k++)
        {
            SinglePhaseLine[k] = -1;
            var ph = branchPhases[k];
            if (kinds[k] != ThreePhaseBranchKind.Line || ph.Count() != 1)
            {
                continue;
            }

            var p = ph.Has(0) ? 0 : ph.Has(1) ? 1 : 2;
            var only = true;
            for (var q = 0; q < 9; q++)
            {
                only &= q == (p * 4) || b[(k * 9) + q] == Complex.Zero;
            }

            SinglePhaseLine[k] = only ? (sbyte)p : (sbyte)(-1);
        }

        LoadFirst = new int[loads.Length];
        LoadSecond = new int[loads.Length];
        LoadKind = new byte[loads.Length];
        for (var i = 0; i < loads.Length; i++)
        {
            var l = loads[i];
            LoadFirst[i] = (l.Node * 3) + l.Phase;
            LoadSecond[i] = l.Model.Connection == LoadConnection.Delta ? (l.Node * 3) + l.Phase2 : -1;
            LoadKind[i] = l.Model.Type switch
            {
                LoadType.ConstantPower => 0,
                LoadType.ConstantCurrent => 1,
                _ => 2,
            };
        }

        GroupWeights = new double[loadGroupCount];
        foreach (var l in loads)
        {
            GroupWeights[l.Group] += l.RatedVa.Magnitude;
        }

        InvBaseSq = new double[baseLn.Length];
        for (var n = 0; n < baseLn.Length; n++)
        {
            InvBaseSq[n] = 1.0 / (baseLn[n] * baseLn[n]);
        }

        RegulatorOfBranch = new int[kinds.Length];
        Array.Fill(RegulatorOfBranch, -1);
        for (var r = 0; r < regulatorBranches.Length; r++)
        {
            RegulatorOfBranch[regulatorBranches[r]] = r;
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 0; n < nodeIds.Length; n++)
        {
            index[nodeIds[n]] = n;
        }

        NodeIndex = index;
        var angles = source.AnglesDeg;
        SourceVolts = new Complex[3];
        for (var p = 0; p < 3; p++)
        {
            SourceVolts[p] = Complex.FromPolarCoordinates(source.VoltagePu * baseLn[0], angles[p] * Math.PI / 180.0);
        }
    }

    /// <summary>Feeder name.</summary>
    public string Name { get; }

    /// <summary>The swing bus.</summary>
    public ThreePhaseSource Source { get; }

    /// <summary>How distributed loads were placed.</summary>
    public DistributedLoadPlacement DistributedLoadPlacement { get; }

    /// <summary>Number of buses (including internal nodes created for distributed loads).</summary>
    public int NodeCount => NodeIdArray.Length;

    /// <summary>Number of two-port elements.</summary>
    public int BranchCount => Kinds.Length;

    /// <summary>Bus ids in sweep order (index 0 is the source).</summary>
    public IReadOnlyList<string> NodeIds => NodeIdArray;

    /// <summary>Phases present on each bus.</summary>
    public IReadOnlyList<PhaseSet> NodePhases => NodePhaseArray;

    /// <summary>Line-to-neutral voltage base of each bus, V.</summary>
    public IReadOnlyList<double> NodeBaseVoltsLineToNeutral => BaseLn;

    /// <summary>Whether a bus is an internal node (created to place a distributed load; id contains '@').</summary>
    /// <param name="node">Bus index.</param>
    /// <returns><see langword="true"/> for internal nodes.</returns>
    public bool IsInternalNode(int node) => NodeInternal[node];

    /// <summary>The step-voltage regulators in sweep order.</summary>
    public IReadOnlyList<StepVoltageRegulator> Regulators => RegulatorArray;

    /// <summary>Number of input loads (spot loads first, then distributed loads) — the width of per-load multipliers.</summary>
    public int LoadGroupCount { get; }

    /// <summary>Kind of each element in sweep order.</summary>
    public IReadOnlyList<ThreePhaseBranchKind> BranchKinds => Kinds;

    /// <summary>Name of each element in sweep order.</summary>
    public IReadOnlyList<string> BranchNameList => BranchNames;

    /// <summary>Phases of each element in sweep order.</summary>
    public IReadOnlyList<PhaseSet> BranchPhases => BranchPhaseArray;

    /// <summary>Index of the element's from (source side) bus.</summary>
    /// <param name="branch">Element index.</param>
    /// <returns>Bus index.</returns>
    public int BranchFrom(int branch) => From[branch];

    /// <summary>Index of the element's to bus.</summary>
    /// <param name="branch">Element index.</param>
    /// <returns>Bus index.</returns>
    public int BranchTo(int branch) => To[branch];

    /// <summary>Index of a bus id.</summary>
    /// <param name="bus">Bus id.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentException">No such bus.</exception>
    public int IndexOf(string bus) =>
        NodeIndex.TryGetValue(bus, out var n) ? n : throw new ArgumentException($"bus '{bus}' is not in feeder '{Name}'", nameof(bus));

    /// <summary>Creates a reusable solver workspace (one per thread).</summary>
    /// <returns>A new workspace with the feeder's taps and all load multipliers at 1.</returns>
    public ThreePhaseWorkspace CreateWorkspace() => new(this);

    internal string[] NodeIdArray { get; }

    internal PhaseSet[] NodePhaseArray { get; }

    internal double[] BaseLn { get; }

    internal bool[] NodeInternal { get; }

    internal int[] ParentBranch { get; }

    internal ThreePhaseBranchKind[] Kinds { get; }

    internal int[] From { get; }

    internal int[] To { get; }

    internal string[] BranchNames { get; }

    internal PhaseSet[] BranchPhaseArray { get; }

    internal Complex[] A { get; }

    internal Complex[] B { get; }

    internal Complex[] D { get; }

    internal Complex[] YHalf { get; }

    internal Complex[] NodeShunt { get; }

    internal bool[] HasShunt { get; }

    /// <summary>Whether a bus's shunt has a real part (most are pure susceptance: line charging, capacitors).</summary>
    internal bool[] ShuntConductance { get; }

    /// <summary>Real part of the node shunt matrices, S (row-major 3×3 per bus).</summary>
    internal double[] ShuntG { get; }

    /// <summary>Imaginary part of the node shunt matrices, S.</summary>
    internal double[] ShuntB { get; }

    internal CompiledLoad[] Loads { get; }

    /// <summary>
    /// Per branch: the phase of a single-phase line whose B matrix has only that diagonal entry (the forward sweep then
    /// updates one phase), else −1.
    /// </summary>
    internal sbyte[] SinglePhaseLine { get; }

    /// <summary>Indices of the buses with a non-zero shunt matrix, ascending.</summary>
    internal int[] ShuntNodes { get; }

    /// <summary>Node phase (node·3 + phase) of each load's voltage (wye) or of the first phase of its delta branch.</summary>
    internal int[] LoadFirst { get; }

    /// <summary>Node phase of the second phase of each delta load's branch, or −1 for a wye load.</summary>
    internal int[] LoadSecond { get; }

    /// <summary>Model of each load: 0 constant power, 1 constant current, 2 constant impedance.</summary>
    internal byte[] LoadKind { get; }

    internal int[] CapNode { get; }

    internal int[] CapPhase { get; }

    internal double[] CapSiemens { get; }

    internal int[] RegulatorBranches { get; }

    internal StepVoltageRegulator[] RegulatorArray { get; }

    internal int[] RegulatorOfBranch { get; }

    internal double[] InvBaseSq { get; }

    /// <summary>Rated |S| of each load group, VA (weights of the time-series predictor).</summary>
    internal double[] GroupWeights { get; }

    internal Dictionary<string, int> NodeIndex { get; }

    internal Complex[] SourceVolts { get; }
}
