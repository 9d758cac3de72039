using System.Globalization;

namespace EvGrid.Optimization.Network;

/// <summary>
/// Collects buses, branches, loads, shunts and generators and builds a validated <see cref="PowerNetwork"/>.
/// <see cref="Build"/> throws <see cref="NetworkValidationException"/> naming the element and value for unknown bus
/// ids, duplicate ids, islands, no or several slack buses, non-finite or negative impedances, zero bases and bad
/// ZIP shares.
/// </summary>
/// <example>
/// <code>
/// var net = new NetworkBuilder("two-bus", baseKva: 1000)
///     .AddBus(new Bus(1, 12.66, BusKind.Slack))
///     .AddBus(new Bus(2, 12.66))
///     .AddBranchOhm(1, 2, rOhm: 0.5, xOhm: 0.3)
///     .AddLoad(new Load(2, 100, 60))
///     .Build();
/// </code>
/// </example>
public sealed class NetworkBuilder
{
    private readonly List<Bus> _buses = [];
    private readonly List<Branch> _branches = [];
    private readonly List<Load> _loads = [];
    private readonly List<ShuntElement> _shunts = [];
    private readonly List<DistributedGenerator> _generators = [];

    /// <summary>Starts a network.</summary>
    /// <param name="name">Name of the network.</param>
    /// <param name="baseKva">Three-phase power base in kVA (e.g. 10 000 for the 10 MVA base of IEEE 33).</param>
    public NetworkBuilder(string name, double baseKva)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        BaseKva = baseKva;
    }

    /// <summary>Name of the network.</summary>
    public string Name { get; }

    /// <summary>Three-phase power base in kVA.</summary>
    public double BaseKva { get; }

    /// <summary>Buses added so far.</summary>
    public IReadOnlyList<Bus> Buses => _buses;

    /// <summary>Branches added so far.</summary>
    public IReadOnlyList<Branch> Branches => _branches;

    /// <summary>Adds a bus.</summary>
    /// <param name="bus">The bus.</param>
    /// <returns>This builder.</returns>
    public NetworkBuilder AddBus(Bus bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        _buses.Add(bus);
        return this;
    }

    /// <summary>Adds a branch with impedances in pu.</summary>
    /// <param name="branch">The branch.</param>
    /// <returns>This builder.</returns>
    public NetworkBuilder AddBranch(Branch branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        _branches.Add(branch);
        return this;
    }

    /// <summary>Adds a branch with impedances in pu.</summary>
    /// <param name="fromBus">Sending-end bus id.</param>
    /// <param name="toBus">Receiving-end bus id.</param>
    /// <param name="rPu">Series resistance in pu.</param>
    /// <param name="xPu">Series reactance in pu.</param>
    /// <param name="bPu">Total charging susceptance in pu.</param>
    /// <param name="inService">False for an open tie switch.</param>
    /// <returns>This builder.</returns>
    public NetworkBuilder AddBranchPu(int fromBus, int toBus, double rPu, double xPu, double bPu = 0, bool inService = true) =>
        AddBranch(new Branch(fromBus, toBus, rPu, xPu, bPu, inService));

    /// <summary>
    /// Adds a branch with the series impedance in ohms, converted to pu with the from-bus kV base
    /// (Z<sub>base</sub> = kV² · 1000 / kVA). The from-bus must already be added.
    /// </summary>
    /// <param name="fromBus">Sending-end bus id.</param>
    /// <param name="toBus">Receiving-end bus id.</param>
    /// <param name="rOhm">Series resistance in ohms.</param>
    /// <param name="xOhm">Series reactance in ohms.</param>
    /// <param name="inService">False for an open tie switch.</param>
    /// <returns>This builder.</returns>
    public NetworkBuilder AddBranchOhm(int fromBus, int toBus, double rOhm, double xOhm, bool inService = true)
    {
        var bus = _buses.Find(b => b.Id == fromBus)
            ?? throw new NetworkValidationException($"branch {_branches.Count + 1} ({fromBus}->{toBus})",
                $"from-bus {fromBus} must be added before a branch given in ohms.");
        CheckBase();
        if (!double.IsFinite(bus.BaseKv) || bus.BaseKv <= 0)
        {
            throw new NetworkValidationException($"bus {bus.Id}", $"base kV must be finite and positive, got {Fmt(bus.BaseKv)}.");
        }

        var zb = PerUnit.ImpedanceBaseOhm(bus.BaseKv, BaseKva);
        return AddBranch(new Branch(fromBus, toBus, rOhm / zb, xOhm / zb, 0, inService));
    }

    /// <summary>Adds a load.</summary>
    /// <param name="load">The load.</param>
    /// <returns>This builder.</returns>
    public NetworkBuilder AddLoad(Load load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _loads.Add(load);
        return this;
    }

    /// <summary>Adds a shunt capacitor or conductance.</summary>
    /// <param name="shunt">The shunt.</param>
    /// <returns>This builder.</returns>
    public NetworkBuilder AddShunt(ShuntElement shunt)
    {
        ArgumentNullException.ThrowIfNull(shunt);
        _shunts.Add(shunt);
        return this;
    }

    /// <summary>Adds a distributed generator (constant P, Q injection).</summary>
    /// <param name="generator">The generator.</param>
    /// <returns>This builder.</returns>
    public NetworkBuilder AddGenerator(DistributedGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        _generators.Add(generator);
        return this;
    }

    /// <summary>Sets the in-service flag of the branch at <paramref name="index"/> (0-based, in insertion order).</summary>
    /// <param name="index">Branch index.</param>
    /// <param name="inService">New state.</param>
    /// <returns>This builder.</returns>
    public NetworkBuilder SetBranchInService(int index, bool inService)
    {
        _branches[index] = _branches[index] with { InService = inService };
        return this;
    }

    /// <summary>Puts every branch in service (closes every tie switch).</summary>
    /// <returns>This builder.</returns>
    public NetworkBuilder SetAllBranchesInService()
    {
        for (var i = 0; i < _branches.Count; i++)
        {
            SetBranchInService(i, true);
        }

        return this;
    }

    /// <summary>Validates the elements and builds the immutable network.</summary>
    /// <returns>The network.</returns>
    /// <exception cref="NetworkValidationException">An element is invalid; the message names it and its value.</exception>
    public PowerNetwork Build()
    {
        CheckBase();
        if (_buses.Count == 0)
        {
            throw new NetworkValidationException($"network '{Name}'", "has no buses.");
        }

        var ids = new Dictionary<int, int>();
        var slackCount = 0;
        var slackIds = new List<int>();
        for (var i = 0; i < _buses.Count; i++)
        {
            var b = _buses[i];
            var el = $"bus {b.Id}";
            if (!ids.TryAdd(b.Id, i))
            {
                throw new NetworkValidationException(el, "the id is used by more than one bus.");
            }

            if (!double.IsFinite(b.BaseKv) || b.BaseKv <= 0)
            {
                throw new NetworkValidationException(el, $"base kV must be finite and positive, got {Fmt(b.BaseKv)}.");
            }

            if (b.Kind == BusKind.Slack)
            {
                slackCount++;
                slackIds.Add(b.Id);
                if (!double.IsFinite(b.VoltageSetpointPu) || b.VoltageSetpointPu <= 0)
                {
                    throw new NetworkValidationException(el, $"slack voltage setpoint must be finite and positive, got {Fmt(b.VoltageSetpointPu)} pu.");
                }
            }
            else if (b.Kind != BusKind.Load)
            {
                throw new NetworkValidationException(el, $"unknown bus kind {(int)b.Kind}.");
            }
        }

        if (slackCount == 0)
        {
            throw new NetworkValidationException($"network '{Name}'", "has no slack bus (exactly one bus must be BusKind.Slack).");
        }

        if (slackCount > 1)
        {
            throw new NetworkValidationException($"network '{Name}'",
                $"has {slackCount} slack buses ({string.Join(", ", slackIds)}); exactly one is required.");
        }

        for (var i = 0; i < _branches.Count; i++)
        {
            var br = _branches[i];
            var el = $"branch {i + 1} ({br.FromBus}->{br.ToBus})";
            RequireBus(ids, br.FromBus, el, "from-bus");
            RequireBus(ids, br.ToBus, el, "to-bus");
            if (br.FromBus == br.ToBus)
            {
                throw new NetworkValidationException(el, "connects a bus to itself.");
            }

            if (!double.IsFinite(br.ResistancePu) || br.ResistancePu < 0)
            {
                throw new NetworkValidationException(el, $"resistance must be finite and not negative, got {Fmt(br.ResistancePu)} pu.");
            }

            if (!double.IsFinite(br.ReactancePu))
            {
                throw new NetworkValidationException(el, $"reactance must be finite, got {Fmt(br.ReactancePu)} pu.");
            }

            if (br.ResistancePu == 0 && br.ReactancePu == 0)
            {
                throw new NetworkValidationException(el, "impedance is zero (R = X = 0 pu); merge the two buses instead.");
            }

            if (!double.IsFinite(br.ChargingSusceptancePu))
            {
                throw new NetworkValidationException(el, $"charging susceptance must be finite, got {Fmt(br.ChargingSusceptancePu)} pu.");
            }
        }

        for (var i = 0; i < _loads.Count; i++)
        {
            var l = _loads[i];
            var el = $"load {i + 1} at bus {l.Bus}";
            RequireBus(ids, l.Bus, el, "bus");
            RequireFinite(l.PKw, el, "P (kW)");
            RequireFinite(l.QKvar, el, "Q (kVAr)");
            CheckShares(l.EffectivePShares, el, "P");
            CheckShares(l.EffectiveQShares, el, "Q");
        }

        for (var i = 0; i < _shunts.Count; i++)
        {
            var s = _shunts[i];
            var el = $"shunt {i + 1} at bus {s.Bus}";
            RequireBus(ids, s.Bus, el, "bus");
            RequireFinite(s.QKvar, el, "Q (kVAr)");
            RequireFinite(s.PKw, el, "P (kW)");
        }

        for (var i = 0; i < _generators.Count; i++)
        {
            var g = _generators[i];
            var el = $"generator {i + 1} at bus {g.Bus}";
            RequireBus(ids, g.Bus, el, "bus");
            RequireFinite(g.PKw, el, "P (kW)");
            RequireFinite(g.QKvar, el, "Q (kVAr)");
        }

        CheckConnected(ids);

        return new PowerNetwork(Name, BaseKva, [.. _buses], [.. _branches], [.. _loads], [.. _shunts], [.. _generators]);
    }

    private void CheckBase()
    {
        if (!double.IsFinite(BaseKva) || BaseKva <= 0)
        {
            throw new NetworkValidationException($"network '{Name}'", $"base kVA must be finite and positive, got {Fmt(BaseKva)}.");
        }
    }

    private void CheckConnected(Dictionary<int, int> ids)
    {
        var n = _buses.Count;
        var adjacency = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            adjacency[i] = [];
        }

        foreach (var br in _branches)
        {
            if (!br.InService)
            {
                continue;
            }

            var a = ids[br.FromBus];
            var c = ids[br.ToBus];
            adjacency[a].Add(c);
            adjacency[c].Add(a);
        }

        var slack = _buses.FindIndex(b => b.Kind == BusKind.Slack);
        var seen = new bool[n];
        var stack = new Stack<int>();
        stack.Push(slack);
        seen[slack] = true;
        var count = 1;
        while (stack.Count > 0)
        {
            foreach (var m in adjacency[stack.Pop()])
            {
                if (!seen[m])
                {
                    seen[m] = true;
                    count++;
                    stack.Push(m);
                }
            }
        }

        if (count < n)
        {
            var island = _buses.Where((_, i) => !seen[i]).Select(b => b.Id).ToList();
            var shown = string.Join(", ", island.Take(10)) + (island.Count > 10 ? ", ..." : string.Empty);
            throw new NetworkValidationException($"bus {island[0]}",
                $"is not connected to the slack bus {_buses[slack].Id} through in-service branches " +
                $"({island.Count} bus(es) islanded: {shown}).");
        }
    }

    private static void RequireBus(Dictionary<int, int> ids, int id, string element, string role)
    {
        if (!ids.ContainsKey(id))
        {
            throw new NetworkValidationException(element, $"{role} {id} is not a bus of the network.");
        }
    }

    private static void RequireFinite(double value, string element, string field)
    {
        if (!double.IsFinite(value))
        {
            throw new NetworkValidationException(element, $"{field} must be finite, got {Fmt(value)}.");
        }
    }

    private static void CheckShares(ZipShares s, string element, string which)
    {
        if (!double.IsFinite(s.ConstantImpedance) || !double.IsFinite(s.ConstantCurrent) || !double.IsFinite(s.ConstantPower)
            || s.ConstantImpedance < 0 || s.ConstantCurrent < 0 || s.ConstantPower < 0
            || Math.Abs(s.ConstantImpedance + s.ConstantCurrent + s.ConstantPower - 1) > 1e-9)
        {
            throw new NetworkValidationException(element,
                $"{which} ZIP shares must be in [0, 1] and sum to 1, got Z={Fmt(s.ConstantImpedance)}, I={Fmt(s.ConstantCurrent)}, P={Fmt(s.ConstantPower)}.");
        }
    }

    private static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
