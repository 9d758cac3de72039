using System.Globalization;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace EvGrid.Optimization.Network.ThreePhase;

/// <summary>
/// Collects the elements of a three-phase radial feeder and builds a validated, immutable
/// <see cref="ThreePhaseFeeder"/>. Errors (unknown bus or configuration, a phase used downstream that the upstream
/// element lacks, a singular impedance matrix, a regulator on a missing phase, a mesh, an island …) are reported when
/// <see cref="Build"/> is called as a <see cref="NetworkValidationException"/> whose <see cref="NetworkValidationException.Element"/>
/// names the element (<c>line 650-632</c>, <c>regulator 1</c>, <c>bus 634</c>, <c>source 800</c> …) and whose message
/// gives the offending value.
/// </summary>
public sealed class ThreePhaseFeederBuilder
{
    private readonly Dictionary<string, LineConfiguration> _configurations = new(StringComparer.Ordinal);
    private readonly List<LineSegment> _lines = [];
    private readonly List<SwitchSegment> _switches = [];
    private readonly List<ThreePhaseTransformer> _transformers = [];
    private readonly List<StepVoltageRegulator> _regulators = [];
    private readonly List<SpotLoad> _spotLoads = [];
    private readonly List<DistributedLoad> _distributedLoads = [];
    private readonly List<ShuntCapacitor> _capacitors = [];
    private readonly List<(string Mid, string Near, string What)> _splitPoints = [];
    private ThreePhaseSource? _source;

    /// <summary>Creates a builder for a feeder.</summary>
    /// <param name="name">Feeder name, e.g. "ieee13".</param>
    public ThreePhaseFeederBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>Feeder name.</summary>
    public string Name { get; }

    /// <summary>How distributed loads are placed (default Kersting's exact lumped model).</summary>
    public DistributedLoadPlacement DistributedLoadPlacement { get; set; } = DistributedLoadPlacement.KerstingExactLumped;

    /// <summary>Whether line charging (shunt admittance) is modelled (default true; false only to study its effect).</summary>
    public bool IncludeLineCharging { get; set; } = true;

    /// <summary>Sets the swing bus.</summary>
    /// <param name="source">The source.</param>
    /// <returns>This builder.</returns>
    public ThreePhaseFeederBuilder WithSource(ThreePhaseSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        return this;
    }

    /// <summary>Adds a line configuration.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>This builder.</returns>
    public ThreePhaseFeederBuilder AddConfiguration(LineConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!_configurations.TryAdd(configuration.Name, configuration))
        {
            throw new ArgumentException($"line configuration '{configuration.Name}' is defined twice", nameof(configuration));
        }

        return this;
    }

    /// <summary>Adds a line segment.</summary>
    /// <param name="line">The segment.</param>
    /// <returns>This builder.</returns>
    public ThreePhaseFeederBuilder AddLine(LineSegment line)
    {
        ArgumentNullException.ThrowIfNull(line);
        _lines.Add(line);
        return this;
    }

    /// <summary>Adds a closed switch.</summary>
    /// <param name="sw">The switch.</param>
    /// <returns>This builder.</returns>
    public ThreePhaseFeederBuilder AddSwitch(SwitchSegment sw)
    {
        ArgumentNullException.ThrowIfNull(sw);
        _switches.Add(sw);
        return this;
    }

    /// <summary>Adds a transformer.</summary>
    /// <param name="transformer">The transformer.</param>
    /// <returns>This builder.</returns>
    public ThreePhaseFeederBuilder AddTransformer(ThreePhaseTransformer transformer)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        _transformers.Add(transformer);
        return this;
    }

    /// <summary>Adds a step-voltage regulator.</summary>
    /// <param name="regulator">The regulator.</param>
    /// <returns>This builder.</returns>
    public ThreePhaseFeederBuilder AddRegulator(StepVoltageRegulator regulator)
    {
        ArgumentNullException.ThrowIfNull(regulator);
        _regulators.Add(regulator);
        return this;
    }

    /// <summary>Adds a spot load.</summary>
    /// <param name="load">The load.</param>
    /// <returns>This builder.</returns>
    public ThreePhaseFeederBuilder AddSpotLoad(SpotLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _spotLoads.Add(load);
        return this;
    }

    /// <summary>Adds a distributed load.</summary>
    /// <param name="load">The load.</param>
    /// <returns>This builder.</returns>
    public ThreePhaseFeederBuilder AddDistributedLoad(DistributedLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _distributedLoads.Add(load);
        return this;
    }

    /// <summary>Adds a shunt capacitor.</summary>
    /// <param name="capacitor">The capacitor.</param>
    /// <returns>This builder.</returns>
    public ThreePhaseFeederBuilder AddCapacitor(ShuntCapacitor capacitor)
    {
        ArgumentNullException.ThrowIfNull(capacitor);
        _capacitors.Add(capacitor);
        return this;
    }

    /// <summary>Validates the elements and builds the immutable feeder.</summary>
    /// <returns>The feeder.</returns>
    /// <exception cref="NetworkValidationException">The feeder is inconsistent (the message names the element and value).</exception>
    /// <remarks>
    /// Six steps, each validating what it establishes: <see cref="ValidateSource"/>, <see cref="CollectTwoPorts"/>,
    /// <see cref="OrderFromSource"/>, <see cref="FillBranchMatrices"/>, <see cref="CompileNodeShunts"/> and
    /// <see cref="CompileLoads"/>, then <see cref="CheckLineImpedancesNonSingular"/>.
    /// </remarks>
    public ThreePhaseFeeder Build()
    {
        var source = ValidateSource();
        var raw = CollectTwoPorts(out var extraSpot);
        var tree = OrderFromSource(source, raw);
        var branches = FillBranchMatrices(raw, tree);
        var shunts = CompileNodeShunts(tree, branches);
        var loads = CompileLoads(tree, shunts.BaseLn, extraSpot);
        CheckLineImpedancesNonSingular(branches);

        return new ThreePhaseFeeder(
            Name,
            source,
            DistributedLoadPlacement,
            [.. tree.NodeIds],
            [.. tree.NodePhases],
            shunts.BaseLn,
            [.. tree.NodeInternal],
            branches.ParentBranch,
            branches.Kinds,
            branches.From,
            branches.To,
            branches.Names,
            branches.Phases,
            branches.A,
            branches.B,
            branches.D,
            branches.YHalf,
            shunts.Shunt,
            loads,
            shunts.CapNode,
            shunts.CapPhase,
            shunts.CapSiemens,
            branches.RegulatorBranches,
            branches.Regulators,
            _spotLoads.Count + _distributedLoads.Count);
    }

    /// <summary>Step 0: a swing bus is given, with a finite positive kV and voltage and three phase angles.</summary>
    private ThreePhaseSource ValidateSource()
    {
        var source = _source ?? throw new NetworkValidationException($"feeder '{Name}'", "no source (swing bus) given");
        if (!(source.KvLineToLine > 0) || !double.IsFinite(source.KvLineToLine))
        {
            throw new NetworkValidationException($"source {source.Bus}", $"kV line-to-line must be finite and > 0 (was {Fmt(source.KvLineToLine)})");
        }

        if (!(source.VoltagePu > 0) || !double.IsFinite(source.VoltagePu))
        {
            throw new NetworkValidationException($"source {source.Bus}", $"voltage must be finite and > 0 pu (was {Fmt(source.VoltagePu)})");
        }

        if (source.AnglesDeg is null || source.AnglesDeg.Count != 3)
        {
            throw new NetworkValidationException($"source {source.Bus}", $"three phase angles (A, B, C) are required (got {source.AnglesDeg?.Count ?? 0})");
        }

        return source;
    }

    /// <summary>
    /// Step 1: the raw two-port elements in insertion order — lines (after distributed loads split them, each with a
    /// known configuration and a positive length) and switches undirected, validated transformers and regulators
    /// directed. <paramref name="extraSpot"/> receives the spot equivalents of the distributed loads.
    /// </summary>
    private List<RawBranch> CollectTwoPorts(out List<(SpotLoad Load, int Group)> extraSpot)
    {
        var raw = new List<RawBranch>();
        var splitLines = ExpandDistributedLoads(out extraSpot);
        foreach (var line in splitLines)
        {
            if (!_configurations.TryGetValue(line.Configuration, out var cfg))
            {
                throw new NetworkValidationException($"line {line.From}-{line.To}", $"unknown configuration '{line.Configuration}'");
            }

            if (!(line.LengthFeet > 0) || !double.IsFinite(line.LengthFeet))
            {
                throw new NetworkValidationException($"line {line.From}-{line.To}", $"length must be finite and > 0 ft (was {Fmt(line.LengthFeet)})");
            }

            raw.Add(new RawBranch(line.From, line.To, false, ThreePhaseBranchKind.Line, $"{line.From}-{line.To}", cfg.Phases, line, cfg, null, null));
        }

        foreach (var sw in _switches)
        {
            raw.Add(new RawBranch(sw.From, sw.To, false, ThreePhaseBranchKind.Switch, $"{sw.From}-{sw.To}", sw.Phases, null, null, null, null));
        }

        foreach (var t in _transformers)
        {
            ValidateTransformer(t);
            raw.Add(new RawBranch(t.HighBus, t.LowBus, true, ThreePhaseBranchKind.Transformer, t.Name, t.Phases, null, null, t, null));
        }

        foreach (var r in _regulators)
        {
            ValidateRegulator(r);
            raw.Add(new RawBranch(r.InputBus, r.OutputBus, true, ThreePhaseBranchKind.Regulator, r.Name, r.Phases, null, null, null, r));
        }

        return raw;
    }

    /// <summary>
    /// Step 2: the radial tree, breadth-first from the source. Every bus is reached exactly once (no loop, no island);
    /// directed elements point away from the source; an element uses only phases its upstream bus has; a transformer's
    /// high side matches its bus base (±10 %); each node gets its phases, kV base and whether it is internal; a
    /// distributed load is listed from its source end.
    /// </summary>
    private Tree OrderFromSource(ThreePhaseSource source, List<RawBranch> raw)
    {
        var adjacency = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < raw.Count; i++)
        {
            if (raw[i].From == raw[i].To)
            {
                throw new NetworkValidationException(ElementName(raw[i]), $"both ends are bus '{raw[i].From}'");
            }

            AddAdj(adjacency, raw[i].From, i);
            AddAdj(adjacency, raw[i].To, i);
        }

        var tree = new Tree(source);
        var used = new bool[raw.Count];
        var queue = new Queue<int>();
        queue.Enqueue(0);
        while (queue.Count > 0)
        {
            var n = queue.Dequeue();
            var id = tree.NodeIds[n];
            if (!adjacency.TryGetValue(id, out var incident))
            {
                continue;
            }

            foreach (var e in incident)
            {
                if (used[e])
                {
                    continue;
                }

                used[e] = true;
                var b = raw[e];
                var other = b.From == id ? b.To : b.From;
                if (b.Directed && b.From != id)
                {
                    throw new NetworkValidationException(
                        ElementName(b), $"its input bus '{b.From}' is not on the source side (the source reaches '{b.To}' first)");
                }

                if (tree.NodeIndex.ContainsKey(other))
                {
                    throw new NetworkValidationException(ElementName(b), $"closes a loop at bus '{other}': the three-phase sweep needs a radial feeder");
                }

                var fromPhases = tree.NodePhases[n];
                if ((b.Phases & ~fromPhases) != PhaseSet.None)
                {
                    throw new NetworkValidationException(
                        ElementName(b), $"uses phase(s) {b.Phases.ToLetters()} but upstream bus '{id}' has only {fromPhases.ToLetters()}");
                }

                var kv = b.Kind == ThreePhaseBranchKind.Transformer ? b.Transformer!.LowKvLineToLine : tree.NodeKv[n];
                if (b.Kind == ThreePhaseBranchKind.Transformer && Math.Abs(b.Transformer!.HighKvLineToLine - tree.NodeKv[n]) > 0.1 * tree.NodeKv[n])
                {
                    throw new NetworkValidationException(
                        ElementName(b), $"high-side rating {Fmt(b.Transformer.HighKvLineToLine)} kV does not match bus '{id}' base {Fmt(tree.NodeKv[n])} kV (more than 10 % apart)");
                }

                var idx = tree.NodeIds.Count;
                tree.NodeIndex[other] = idx;
                tree.NodeIds.Add(other);
                tree.NodePhases.Add(b.Phases);
                tree.NodeKv.Add(kv);
                tree.NodeInternal.Add(b.Line is not null && IsInternalName(other));
                tree.Order.Add((e, n, idx));
                queue.Enqueue(idx);
            }
        }

        foreach (var (bus, list) in adjacency)
        {
            if (!tree.NodeIndex.ContainsKey(bus))
            {
                throw new NetworkValidationException($"bus {bus}", $"is not connected to the source '{source.Bus}' (it is an end of {ElementName(raw[list[0]])})");
            }
        }

        foreach (var (mid, near, what) in _splitPoints)
        {
            var m = tree.NodeIndex[mid];
            var parentNode = tree.Order.First(o => o.To == m).From;
            if (tree.NodeIds[parentNode] != near)
            {
                throw new NetworkValidationException($"distributed load {what}", $"list it from its source end (bus '{near}' is downstream)");
            }
        }

        return tree;
    }

    /// <summary>
    /// Step 3: the generalized branch matrices a, B, d and half the line charging per branch in tree order (Kersting
    /// ch. 6 and 8), each node's parent branch, and the regulator branches with their locked tap ratios.
    /// </summary>
    private BranchMatrices FillBranchMatrices(List<RawBranch> raw, Tree tree)
    {
        var branchCount = tree.Order.Count;
        var m = new BranchMatrices(branchCount, tree.NodeIds.Count);
        for (var k = 0; k < branchCount; k++)
        {
            var (e, f, t) = tree.Order[k];
            var b = raw[e];
            m.Kinds[k] = b.Kind;
            m.From[k] = f;
            m.To[k] = t;
            m.Names[k] = b.Name;
            m.Phases[k] = b.Phases;
            m.ParentBranch[t] = k;
            var o = k * 9;
            switch (b.Kind)
            {
                case ThreePhaseBranchKind.Line:
                    FillLine(b, m.A, m.B, m.D, m.YHalf, o, IncludeLineCharging);
                    break;
                case ThreePhaseBranchKind.Switch:
                    for (var p = 0; p < 3; p++)
                    {
                        if (b.Phases.Has(p))
                        {
                            m.A[o + p * 4] = Complex.One;
                            m.D[o + p * 4] = Complex.One;
                        }
                    }

                    break;
                case ThreePhaseBranchKind.Transformer:
                    FillTransformer(b.Transformer!, m.A, m.B, m.D, o);
                    break;
                case ThreePhaseBranchKind.Regulator:
                    m.RegulatorBranchList.Add(k);
                    m.RegulatorList.Add(b.Regulator!);
                    for (var p = 0; p < 3; p++)
                    {
                        if (b.Phases.Has(p))
                        {
                            var ratio = 1 + StepVoltageRegulator.StepPu * b.Regulator!.Taps[p];
                            m.A[o + p * 4] = ratio;
                            m.D[o + p * 4] = ratio;
                        }
                    }

                    break;
            }
        }

        return m;
    }

    /// <summary>
    /// Step 4: each node's line-to-neutral base volts and its shunt admittance — half of each adjacent line's
    /// charging plus the capacitors (constant susceptance from kVAr at base voltage), each capacitor on an existing
    /// bus and phase with a finite non-negative kVAr.
    /// </summary>
    private NodeShunts CompileNodeShunts(Tree tree, BranchMatrices branches)
    {
        var nodeCount = tree.NodeIds.Count;
        var baseLn = new double[nodeCount];
        for (var n = 0; n < nodeCount; n++)
        {
            baseLn[n] = tree.NodeKv[n] * 1000.0 / Math.Sqrt(3.0);
        }

        var shunt = new Complex[nodeCount * 9];
        for (var k = 0; k < branches.Kinds.Length; k++)
        {
            for (var q = 0; q < 9; q++)
            {
                shunt[branches.From[k] * 9 + q] += branches.YHalf[k * 9 + q];
                shunt[branches.To[k] * 9 + q] += branches.YHalf[k * 9 + q];
            }
        }

        var capNode = new List<int>();
        var capPhase = new List<int>();
        var capSiemens = new List<double>();
        foreach (var cap in _capacitors)
        {
            var n = Resolve(tree.NodeIndex, cap.Bus, "capacitor");
            if (cap.Kvar is null || cap.Kvar.Count != 3)
            {
                throw new NetworkValidationException($"capacitor at bus {cap.Bus}", $"three kVAr values (A, B, C) are required (got {cap.Kvar?.Count ?? 0})");
            }

            for (var p = 0; p < 3; p++)
            {
                var q = cap.Kvar[p];
                if (!double.IsFinite(q) || q < 0)
                {
                    throw new NetworkValidationException($"capacitor at bus {cap.Bus}", $"kVAr of phase {PhaseSets.Letter(p)} must be finite and ≥ 0 (was {Fmt(q)})");
                }

                if (q == 0)
                {
                    continue;
                }

                if (!tree.NodePhases[n].Has(p))
                {
                    throw new NetworkValidationException($"capacitor at bus {cap.Bus}", $"phase {PhaseSets.Letter(p)} ({Fmt(q)} kVAr) is not present on the bus (has {tree.NodePhases[n].ToLetters()})");
                }

                var bS = q * 1000.0 / (baseLn[n] * baseLn[n]);
                shunt[n * 9 + p * 4] += new Complex(0, bS);
                capNode.Add(n);
                capPhase.Add(p);
                capSiemens.Add(bS);
            }
        }

        return new NodeShunts(baseLn, shunt, [.. capNode], [.. capPhase], [.. capSiemens]);
    }

    /// <summary>
    /// Step 5: the compiled load components — spot loads, then the spot equivalents of distributed loads (load group
    /// = spot-load index, then <c>spot count + distributed-load index</c>) — one per loaded phase or delta branch,
    /// each on an existing bus whose phases it needs, with finite kW/kVAr.
    /// </summary>
    private CompiledLoad[] CompileLoads(Tree tree, double[] baseLn, List<(SpotLoad Load, int Group)> extraSpot)
    {
        var loads = new List<CompiledLoad>();
        var allSpot = new List<(SpotLoad Load, int Group)>();
        for (var i = 0; i < _spotLoads.Count; i++)
        {
            allSpot.Add((_spotLoads[i], i));
        }

        foreach (var (load, group) in extraSpot)
        {
            allSpot.Add((load, _spotLoads.Count + group));
        }

        foreach (var (load, group) in allSpot)
        {
            var n = Resolve(tree.NodeIndex, load.Bus, $"load {load.Model}");
            if (load.Kw is null || load.Kvar is null || load.Kw.Count != 3 || load.Kvar.Count != 3)
            {
                throw new NetworkValidationException($"load {load.Model} at bus {load.Bus}", $"three kW and three kVAr values are required (got {load.Kw?.Count ?? 0} and {load.Kvar?.Count ?? 0})");
            }

            for (var p = 0; p < 3; p++)
            {
                var kw = load.Kw[p];
                var kvar = load.Kvar[p];
                if (!double.IsFinite(kw) || !double.IsFinite(kvar))
                {
                    throw new NetworkValidationException($"load {load.Model} at bus {load.Bus}", $"ph{p + 1} kW/kVAr must be finite (was {Fmt(kw)}/{Fmt(kvar)})");
                }

                if (kw == 0 && kvar == 0)
                {
                    continue;
                }

                var delta = load.Model.Connection == LoadConnection.Delta;
                var need = delta ? (PhaseSet)((1 << p) | (1 << ((p + 1) % 3))) : (PhaseSet)(1 << p);
                if ((need & ~tree.NodePhases[n]) != PhaseSet.None)
                {
                    var what = delta ? $"delta branch {PhaseSets.Letter(p)}{PhaseSets.Letter((p + 1) % 3)}" : $"phase {PhaseSets.Letter(p)}";
                    throw new NetworkValidationException($"load {load.Model} at bus {load.Bus}", $"{what} ({Fmt(kw)} kW, {Fmt(kvar)} kVAr) is not present on the bus (has {tree.NodePhases[n].ToLetters()})");
                }

                var vr = delta ? baseLn[n] * Math.Sqrt(3.0) : baseLn[n];
                loads.Add(new CompiledLoad(n, p, load.Model, new Complex(kw * 1000.0, kvar * 1000.0), vr, group));
            }
        }

        return [.. loads];
    }

    /// <summary>Step 6: every line's series impedance matrix, restricted to its phases, is non-singular.</summary>
    private static void CheckLineImpedancesNonSingular(BranchMatrices branches)
    {
        for (var k = 0; k < branches.Kinds.Length; k++)
        {
            if (branches.Kinds[k] == ThreePhaseBranchKind.Line)
            {
                CheckNonSingular(branches.Names[k], branches.Phases[k], branches.B, k * 9);
            }
        }
    }

    private static string KindWord(ThreePhaseBranchKind kind) => kind switch
    {
        ThreePhaseBranchKind.Line => "line",
        ThreePhaseBranchKind.Switch => "switch",
        ThreePhaseBranchKind.Transformer => "transformer",
        _ => "regulator",
    };

    private static bool IsInternalName(string id) => id.Contains('@', StringComparison.Ordinal);

    private static void AddAdj(Dictionary<string, List<int>> adjacency, string bus, int e)
    {
        if (!adjacency.TryGetValue(bus, out var list))
        {
            list = [];
            adjacency[bus] = list;
        }

        list.Add(e);
    }

    private static int Resolve(Dictionary<string, int> nodeIndex, string bus, string what) =>
        nodeIndex.TryGetValue(bus, out var n) ? n : throw new NetworkValidationException($"{what} at bus {bus}", $"no such bus '{bus}' in the feeder");

    private static string ElementName(RawBranch b) => $"{KindWord(b.Kind)} {b.Name}";

    private static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private List<LineSegment> ExpandDistributedLoads(out List<(SpotLoad Load, int Group)> extra)
    {
        extra = [];
        _splitPoints.Clear();
        var lines = new List<LineSegment>(_lines);
        for (var i = 0; i < _distributedLoads.Count; i++)
        {
            var dl = _distributedLoads[i];
            var idx = lines.FindIndex(l => (l.From == dl.From && l.To == dl.To) || (l.From == dl.To && l.To == dl.From));
            if (idx < 0)
            {
                throw new NetworkValidationException($"distributed load {dl.Model} on {dl.From}-{dl.To}", $"no line segment joins buses '{dl.From}' and '{dl.To}'");
            }

            if (dl.Kw is null || dl.Kvar is null || dl.Kw.Count != 3 || dl.Kvar.Count != 3)
            {
                throw new NetworkValidationException($"distributed load {dl.Model} on {dl.From}-{dl.To}", $"three kW and three kVAr values are required (got {dl.Kw?.Count ?? 0} and {dl.Kvar?.Count ?? 0})");
            }

            var line = lines[idx];

            // The source end is resolved later; a distributed load is listed from its source end (as in the IEEE data).
            var near = dl.From;
            var far = dl.To;
            var lineFromNear = line.From == near;
            switch (DistributedLoadPlacement)
            {
                case DistributedLoadPlacement.HalfAtEachEnd:
                    extra.Add((new SpotLoad(near, dl.Model, Scale(dl.Kw, 0.5), Scale(dl.Kvar, 0.5)), i));
                    extra.Add((new SpotLoad(far, dl.Model, Scale(dl.Kw, 0.5), Scale(dl.Kvar, 0.5)), i));
                    break;
                default:
                    {
                        var fraction = DistributedLoadPlacement == DistributedLoadPlacement.Midpoint ? 0.5 : 0.25;
                        var mid = $"{near}-{far}@{fraction.ToString(CultureInfo.InvariantCulture)}";
                        var first = new LineSegment(near, mid, line.LengthFeet * fraction, line.Configuration);
                        var second = new LineSegment(mid, far, line.LengthFeet * (1 - fraction), line.Configuration);
                        lines[idx] = first;
                        lines.Insert(idx + 1, second);
                        _ = lineFromNear;
                        _splitPoints.Add((mid, near, $"{dl.Model} on {dl.From}-{dl.To}"));
                        if (DistributedLoadPlacement == DistributedLoadPlacement.Midpoint)
                        {
                            extra.Add((new SpotLoad(mid, dl.Model, dl.Kw, dl.Kvar), i));
                        }
                        else
                        {
                            extra.Add((new SpotLoad(mid, dl.Model, Scale(dl.Kw, 2.0 / 3.0), Scale(dl.Kvar, 2.0 / 3.0)), i));
                            extra.Add((new SpotLoad(far, dl.Model, Scale(dl.Kw, 1.0 / 3.0), Scale(dl.Kvar, 1.0 / 3.0)), i));
                        }

                        break;
                    }
            }
        }

        return lines;
    }

    private static double[] Scale(IReadOnlyList<double> values, double factor) => values.Select(v => v * factor).ToArray();

    private static void ValidateTransformer(ThreePhaseTransformer t)
    {
        if (!(t.RatedKva > 0) || !(t.HighKvLineToLine > 0) || !(t.LowKvLineToLine > 0))
        {
            throw new NetworkValidationException($"transformer {t.Name}", $"kVA and kV ratings must be > 0 (kVA {Fmt(t.RatedKva)}, kV {Fmt(t.HighKvLineToLine)}/{Fmt(t.LowKvLineToLine)})");
        }

        if (t.Phases == PhaseSet.None || (int)t.Phases > 7 || (t.Connection == TransformerConnection.DeltaGroundedWye && t.Phases != PhaseSet.ABC))
        {
            throw new NetworkValidationException($"transformer {t.Name}", $"phases {t.Phases} are not allowed with {t.Connection} (a delta winding needs ABC)");
        }

        if (t.ResistancePercent < 0 || t.ReactancePercent < 0 || !double.IsFinite(t.ResistancePercent) || !double.IsFinite(t.ReactancePercent))
        {
            throw new NetworkValidationException($"transformer {t.Name}", $"R% and X% must be finite and ≥ 0 (were {Fmt(t.ResistancePercent)}/{Fmt(t.ReactancePercent)})");
        }
    }

    private static void ValidateRegulator(StepVoltageRegulator r)
    {
        if (r.Phases == PhaseSet.None)
        {
            throw new NetworkValidationException($"regulator {r.Name}", $"no phase given (phases {r.Phases})");
        }

        if (r.Taps is null || r.Taps.Count != 3)
        {
            throw new NetworkValidationException($"regulator {r.Name}", $"three taps (A, B, C) are required (got {r.Taps?.Count ?? 0})");
        }

        for (var p = 0; p < 3; p++)
        {
            if (Math.Abs(r.Taps[p]) > StepVoltageRegulator.MaxTap)
            {
                throw new NetworkValidationException($"regulator {r.Name}", $"tap {r.Taps[p]} on phase {PhaseSets.Letter(p)} is outside ±{StepVoltageRegulator.MaxTap}");
            }
        }

        if (r.Control is { } c)
        {
            if (!(c.PtRatio > 0) || !(c.CtPrimaryAmps > 0) || !(c.BandwidthVolts > 0))
            {
                throw new NetworkValidationException($"regulator {r.Name}", $"PT ratio, CT rating and bandwidth must be > 0 (were {Fmt(c.PtRatio)}, {Fmt(c.CtPrimaryAmps)} A, {Fmt(c.BandwidthVolts)} V)");
            }

            if (c.RVolts is null || c.XVolts is null || c.VoltageLevel is null || c.RVolts.Count != 3 || c.XVolts.Count != 3 || c.VoltageLevel.Count != 3)
            {
                throw new NetworkValidationException($"regulator {r.Name}", $"R, X and voltage level need three values (A, B, C) (got {c.RVolts?.Count ?? 0}, {c.XVolts?.Count ?? 0}, {c.VoltageLevel?.Count ?? 0})");
            }
        }
    }

    private static void FillLine(RawBranch b, Complex[] a, Complex[] bm, Complex[] d, Complex[] yHalf, int o, bool charging)
    {
        var miles = b.Line!.LengthFeet / CarsonKron.FeetPerMile;
        var cfg = b.Config!;
        for (var q = 0; q < 9; q++)
        {
            bm[o + q] = cfg.ImpedanceOhmPerMile[q] * miles;
            yHalf[o + q] = charging ? cfg.AdmittanceMicroSiemensPerMile[q] * (miles * 1e-6 * 0.5) : Complex.Zero;
        }

        for (var p = 0; p < 3; p++)
        {
            if (cfg.Phases.Has(p))
            {
                a[o + p * 4] = Complex.One;
                d[o + p * 4] = Complex.One;
            }
        }
    }

    /// <summary>Kersting ch. 8 generalized matrices: V_low = A·V_high − B·I_low, I_high = d·I_low.</summary>
    private static void FillTransformer(ThreePhaseTransformer t, Complex[] a, Complex[] bm, Complex[] d, int o)
    {
        var zBase = t.LowKvLineToLine * t.LowKvLineToLine / (t.RatedKva / 1000.0);
        var zt = new Complex(t.ResistancePercent, t.ReactancePercent) / 100.0 * zBase;
        if (t.Connection == TransformerConnection.GroundedWyeGroundedWye)
        {
            var nt = t.HighKvLineToLine / t.LowKvLineToLine;
            for (var p = 0; p < 3; p++)
            {
                if (!t.Phases.Has(p))
                {
                    continue;
                }

                a[o + p * 4] = 1.0 / nt;
                d[o + p * 4] = 1.0 / nt;
                bm[o + p * 4] = zt;
            }

            return;
        }

        // Delta–grounded-wye step-down: nt = kV_LL,high / kV_LN,low (Kersting eq. 8.? for the "standard 30°" connection).
        var ntd = t.HighKvLineToLine / (t.LowKvLineToLine / Math.Sqrt(3.0));
        double[] at = [1, 0, -1, -1, 1, 0, 0, -1, 1];
        double[] dt = [1, -1, 0, 0, 1, -1, -1, 0, 1];
        for (var q = 0; q < 9; q++)
        {
            a[o + q] = at[q] / ntd;
            d[o + q] = dt[q] / ntd;
        }

        for (var p = 0; p < 3; p++)
        {
            bm[o + p * 4] = zt;
        }
    }

    private static void CheckNonSingular(string name, PhaseSet phases, Complex[] bm, int o)
    {
        var idx = Enumerable.Range(0, 3).Where(p => phases.Has(p)).ToArray();
        var m = Matrix<Complex>.Build.Dense(idx.Length, idx.Length, (i, j) => bm[o + idx[i] * 3 + idx[j]]);
        var det = m.Determinant();
        var scale = 1.0;
        for (var i = 0; i < idx.Length; i++)
        {
            scale *= Math.Max(m[i, i].Magnitude, 1e-300);
        }

        if (!(det.Magnitude > 1e-12 * scale) || scale < 1e-200)
        {
            throw new NetworkValidationException($"line {name}", string.Create(CultureInfo.InvariantCulture, $"the series impedance matrix of phases {phases.ToLetters()} is singular (|det| {det.Magnitude:G3})"));
        }
    }

    /// <summary>The radial tree from the source: node ids, phases, kV bases, internal flags and branch order.</summary>
    private sealed class Tree
    {
        public Tree(ThreePhaseSource source)
        {
            NodeIndex = new Dictionary<string, int>(StringComparer.Ordinal) { [source.Bus] = 0 };
            NodeIds = [source.Bus];
            NodePhases = [PhaseSet.ABC];
            NodeKv = [source.KvLineToLine];
            NodeInternal = [false];
        }

        public Dictionary<string, int> NodeIndex { get; }

        public List<string> NodeIds { get; }

        public List<PhaseSet> NodePhases { get; }

        public List<double> NodeKv { get; }

        public List<bool> NodeInternal { get; }

        /// <summary>Branches in breadth-first order: raw element index, from-node, to-node.</summary>
        public List<(int Raw, int From, int To)> Order { get; } = [];
    }

    /// <summary>Per-branch matrices (9 entries each, row-major) and data in tree order.</summary>
    private sealed class BranchMatrices
    {
        public BranchMatrices(int branchCount, int nodeCount)
        {
            A = new Complex[branchCount * 9];
            B = new Complex[branchCount * 9];
            D = new Complex[branchCount * 9];
            YHalf = new Complex[branchCount * 9];
            Kinds = new ThreePhaseBranchKind[branchCount];
            From = new int[branchCount];
            To = new int[branchCount];
            Names = new string[branchCount];
            Phases = new PhaseSet[branchCount];
            ParentBranch = new int[nodeCount];
            Array.Fill(ParentBranch, -1);
        }

        public Complex[] A { get; }

        public Complex[] B { get; }

        public Complex[] D { get; }

        public Complex[] YHalf { get; }

        public ThreePhaseBranchKind[] Kinds { get; }

        public int[] From { get; }

        public int[] To { get; }

        public string[] Names { get; }

        public PhaseSet[] Phases { get; }

        public int[] ParentBranch { get; }

        public List<int> RegulatorBranchList { get; } = [];

        public List<StepVoltageRegulator> RegulatorList { get; } = [];

        public int[] RegulatorBranches => [.. RegulatorBranchList];

        public StepVoltageRegulator[] Regulators => [.. RegulatorList];
    }

    /// <summary>Node bases and shunts: line-to-neutral base volts, 3×3 shunt admittance per node, capacitor units.</summary>
    private sealed record NodeShunts(double[] BaseLn, Complex[] Shunt, int[] CapNode, int[] CapPhase, double[] CapSiemens);

    private sealed record RawBranch(
        string From,
        string To,
        bool Directed,
        ThreePhaseBranchKind Kind,
        string Name,
        PhaseSet Phases,
        LineSegment? Line,
        LineConfiguration? Config,
        ThreePhaseTransformer? Transformer,
        StepVoltageRegulator? Regulator);
}

/// <summary>A compiled load component: one phase (wye) or one delta branch of a load.</summary>
internal readonly record struct CompiledLoad(int Node, int Phase, LoadModel Model, Complex RatedVa, double RatedVolts, int Group)
{
    /// <summary>The second phase of a delta branch (p + 1) mod 3.</summary>
    public int Phase2 { get; } = (Phase + 1) % 3;
}
