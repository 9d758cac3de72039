using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EvGrid.Optimization.Fleet;

namespace EvGrid.Optimization.Planning.Scheduling;

/// <summary>
/// The decision encoding of the scheduling problem: a target level for the region's total load, decoded into a
/// feasible per-EV V2G schedule by tracking the level slot by slot. Built once per fleet and base curve (read-only,
/// shared by every thread); each thread decodes with its own <see cref="LevelTrackingWorkspace"/>.
/// </summary>
/// <remarks>
/// <para><b>Why not κ binaries.</b> Seed 000 eq. (13) switches each EV per hour with κ¹/κ² binaries: 48 000 binaries
/// for 1 000 EVs, far beyond what a 60-particle swarm can search. The decision vector here has T + 1 entries:
/// x₀ ∈ [0, 1] places a flat target level for the total load (base + EV) between the base curve's valley and its
/// peak, and x₁…x_T ∈ [−1, 1] shift the target of each slot by up to <see cref="DeviationScaleKw"/>.</para>
/// <para><b>Decoding.</b> Slots are visited in day order starting at the slot where the fewest sessions are
/// already running (the <see cref="CutSlot"/>); sessions that run across it (none in the built-in regions) are
/// committed first as plug-and-charge. In each slot every plugged-in EV gets a power interval [lo, hi]: hi is the
/// rated power (times the plugged-in share of the slot) capped by the room to the SOC ceiling; lo is the charge it
/// must take now so that full power in its remaining slots still reaches its departure SOC, or — for a V2G EV with
/// nothing that must be charged now — minus the discharge that the SOC floor, its rating and its remaining charging
/// room allow. The fleet's power in the slot is the target minus the base, clamped to [Σ lo, Σ hi], and every EV
/// takes the same fraction of its interval. Every decoded schedule therefore meets seed 000 eqs. (15)–(17) by
/// construction (power limits, SOC path within [floor, ceiling], departure SOC ≥ the user's minimum).</para>
/// <para>Cost: O(Σ plugged-in slots) per decode, no allocation.</para>
/// </remarks>
public sealed class LevelTrackingDecoder
{
    private readonly int[] _slotStart;   // CSR over processing positions: entries of slot position q are [start[q], start[q+1])
    private readonly SlotEntry[] _entries;   // one per EV and plugged-in slot, grouped by processing position
    private readonly int[] _spanning;
    private readonly double[] _baseKw;
    private readonly double[] _evArrivalKwh;   // stored energy at plug-in
    private readonly EvConstants[] _ev;         // per EV, one cache line: what the slot loop reads

    /// <summary>Creates the decoder for a fleet on its slot grid and the region's base load.</summary>
    /// <param name="timeline">The fleet on its slot grid.</param>
    /// <param name="baseKw">Base load per day slot, kW.</param>
    public LevelTrackingDecoder(FleetTimeline timeline, ReadOnlySpan<double> baseKw)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var slots = timeline.SlotsPerDay;
        if (baseKw.Length != slots)
        {
            throw new ArgumentException($"baseKw holds {baseKw.Length} values, expected one per slot ({slots}).", nameof(baseKw));
        }

        for (var s = 0; s < slots; s++)
        {
            if (!double.IsFinite(baseKw[s]))
            {
                throw new ArgumentException($"baseKw[{s}] must be finite, got {baseKw[s]}.", nameof(baseKw));
            }
        }

        Timeline = timeline;
        _baseKw = baseKw.ToArray();
        var fleet = timeline.Fleet;
        var n = timeline.EvCount;
        var slotHours = timeline.SlotHours;
        // Running sessions per slot (sessions that started in an earlier slot): the cut goes where there are fewest.
        var running = new int[slots];
        for (var i = 0; i < n; i++)
        {
            for (var k = 1; k < timeline.SlotCount[i]; k++)
            {
                running[timeline.DaySlot(i, k)]++;
            }
        }

        var cut = 0;
        for (var s = 1; s < slots; s++)
        {
            if (running[s] < running[cut])
            {
                cut = s;
            }
        }

        CutSlot = cut;
        var spanning = new List<int>();
        var counts = new int[slots];
        for (var i = 0; i < n; i++)
        {
            if (Spans(timeline, i, cut))
            {
                spanning.Add(i);
                continue;
            }

            for (var k = 0; k < timeline.SlotCount[i]; k++)
            {
                counts[Position(timeline.DaySlot(i, k))]++;
            }
        }

        _spanning = [.. spanning];

        // The slot loops keep each EV's state under an internal index: EVs ranked by the processing position of their
        // first slot (then by fleet index), so the EVs plugged in at one slot sit close together in memory (short
        // sessions, as at the charging stations, would otherwise scatter over thousands of EVs); within a slot the
        // entries follow the internal index, so the state is read and written in ascending order.
        var rank = new int[n];
        var byFirstSlot = Enumerable.Range(0, n).OrderBy(i => Position(timeline.DaySlot(i, 0))).ThenBy(i => i).ToArray();
        for (var j = 0; j < n; j++)
        {
            rank[byFirstSlot[j]] = j;
        }

        _evArrivalKwh = new double[n];
        _ev = new EvConstants[n];
        for (var i = 0; i < n; i++)
        {
            var e = fleet.BatteryKwh[i];
            var j = rank[i];
            _evArrivalKwh[j] = fleet.SocArrival[i] * e;
            var gain = fleet.EtaCharge[i] * slotHours;
            var cost = slotHours / fleet.EtaDischarge[i];
            _ev[j] = new EvConstants(
                fleet.SocDepartureMin[i] * e, fleet.SocFloor(i) * e, fleet.SocCeiling(i) * e, gain, cost, 1.0 / gain, 1.0 / cost);
        }

        _slotStart = new int[slots + 1];
        for (var q = 0; q < slots; q++)
        {
            _slotStart[q + 1] = _slotStart[q] + counts[q];
        }

        var total = _slotStart[slots];
        _entries = new SlotEntry[total];
        var fill = new int[slots];
        var dt = timeline.SlotHours;
        for (var j = 0; j < n; j++)
        {
            var i = byFirstSlot[j];
            if (Spans(timeline, i, cut))
            {
                continue;
            }

            var count = timeline.SlotCount[i];
            var future = 0.0;
            for (var k = count - 1; k >= 0; k--)
            {
                var q = Position(timeline.DaySlot(i, k));
                var e = _slotStart[q] + fill[q]++;
                var f = timeline.Fraction(i, k);
                _entries[e] = new SlotEntry(fleet.ChargeKw[i] * f, fleet.V2g[i] ? fleet.DischargeKw[i] * f : 0.0, future, rank[i], i);
                future += fleet.ChargeKw[i] * f * fleet.EtaCharge[i] * dt;
            }
        }

        MaxEntriesPerSlot = counts.Length == 0 ? 0 : counts.Max();
        var min = _baseKw.Min();
        var max = _baseKw.Max();
        LevelMinKw = min;
        LevelMaxKw = Math.Max(max, min + 1.0);
        DeviationScaleKw = 0.25 * (LevelMaxKw - LevelMinKw);
        int Position(int slot) => slot >= cut ? slot - cut : slot - cut + slots;
    }

    /// <summary>The fleet on its slot grid.</summary>
    public FleetTimeline Timeline { get; }

    /// <summary>Decision-vector length: T + 1 (the level and one deviation per slot).</summary>
    public int Dimension => Timeline.SlotsPerDay + 1;

    /// <summary>Day slot where decoding starts (fewest sessions running across it).</summary>
    public int CutSlot { get; }

    /// <summary>Sessions running across <see cref="CutSlot"/>, committed as plug-and-charge.</summary>
    public int SpanningSessions => _spanning.Length;

    /// <summary>Target level at x₀ = 0, kW (the base curve's minimum).</summary>
    public double LevelMinKw { get; }

    /// <summary>Target level at x₀ = 1, kW (the base curve's maximum).</summary>
    public double LevelMaxKw { get; }

    /// <summary>Largest shift of one slot's target, kW (a quarter of the base curve's peak–valley difference).</summary>
    public double DeviationScaleKw { get; }

    /// <summary>The base load per slot, kW.</summary>
    public ReadOnlySpan<double> BaseKw => _baseKw;

    internal int MaxEntriesPerSlot { get; }

    /// <summary>
    /// The range of EV load any decision vector can produce in each day slot, kW: every plugged-in V2G EV discharging
    /// at its rated power (times its plugged-in share of the slot) to every plugged-in EV charging at its rated power,
    /// plus the plug-and-charge load of the sessions that run across <see cref="CutSlot"/>.
    /// </summary>
    /// <param name="minKw">Receives the smallest EV load per day slot, kW (one value per slot).</param>
    /// <param name="maxKw">Receives the largest EV load per day slot, kW.</param>
    public void EvLoadRangeKw(Span<double> minKw, Span<double> maxKw)
    {
        var slots = Timeline.SlotsPerDay;
        if (minKw.Length != slots || maxKw.Length != slots)
        {
            throw new ArgumentException($"minKw and maxKw must hold {slots} values each, got {minKw.Length} and {maxKw.Length}.", nameof(minKw));
        }

        minKw.Clear();
        maxKw.Clear();
        Span<double> row = stackalloc double[slots];
        foreach (var i in _spanning)
        {
            UncontrolledCharging.FillRow(Timeline, i, row);
            for (var s = 0; s < slots; s++)
            {
                minKw[s] += row[s];
                maxKw[s] += row[s];
            }
        }

        for (var q = 0; q < slots; q++)
        {
            var s = (q + CutSlot) % slots;
            for (var e = _slotStart[q]; e < _slotStart[q + 1]; e++)
            {
                minKw[s] -= _entries[e].DischargeKw;
                maxKw[s] += _entries[e].ChargeKw;
            }
        }
    }

    /// <summary>Lower bounds of the decision vector (0 for the level, −1 for each deviation).</summary>
    /// <returns>T + 1 values.</returns>
    public double[] LowerBounds()
    {
        var lo = new double[Dimension];
        Array.Fill(lo, -1.0, 1, Dimension - 1);
        return lo;
    }

    /// <summary>Upper bounds of the decision vector (all 1).</summary>
    /// <returns>T + 1 values.</returns>
    public double[] UpperBounds()
    {
        var hi = new double[Dimension];
        Array.Fill(hi, 1.0);
        return hi;
    }

    /// <summary>The decision vector of a flat target at <paramref name="levelKw"/> (no deviations).</summary>
    /// <param name="levelKw">Target level of the total load, kW.</param>
    /// <returns>The decision vector.</returns>
    public double[] FlatTarget(double levelKw)
    {
        var x = new double[Dimension];
        x[0] = Math.Clamp((levelKw - LevelMinKw) / (LevelMaxKw - LevelMinKw), 0, 1);
        return x;
    }

    /// <summary>Creates a per-thread workspace.</summary>
    /// <returns>A workspace with its own schedule buffer.</returns>
    public LevelTrackingWorkspace CreateWorkspace() => new(this);

    /// <summary>
    /// Decodes <paramref name="x"/> into the workspace's schedule and EV load per slot (kW, + charge, − discharge).
    /// Allocation-free; a pure function of <paramref name="x"/>.
    /// </summary>
    /// <param name="x">Decision vector (length <see cref="Dimension"/>; values outside the bounds are clamped).</param>
    /// <param name="workspace">This thread's workspace (receives the schedule and the EV load).</param>
    public void Decode(ReadOnlySpan<double> x, LevelTrackingWorkspace workspace) => Decode(x, workspace, writeSchedule: true);

    /// <summary>
    /// Decodes <paramref name="x"/> into the EV load per slot only (<see cref="LevelTrackingWorkspace.EvKw"/>), without
    /// writing the per-EV schedule: what an optimizer needs for every candidate. Identical EV load to
    /// <see cref="Decode(ReadOnlySpan{double}, LevelTrackingWorkspace)"/>; the workspace's schedule is left stale.
    /// </summary>
    /// <param name="x">Decision vector.</param>
    /// <param name="workspace">This thread's workspace.</param>
    public void DecodeLoad(ReadOnlySpan<double> x, LevelTrackingWorkspace workspace) => Decode(x, workspace, writeSchedule: false);

    private void Decode(ReadOnlySpan<double> x, LevelTrackingWorkspace workspace, bool writeSchedule)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (x.Length != Dimension)
        {
            throw new ArgumentException($"x holds {x.Length} values, expected {Dimension} (level + one deviation per slot).", nameof(x));
        }

        if (!ReferenceEquals(workspace.Decoder, this))
        {
            throw new ArgumentException("the workspace belongs to another decoder.", nameof(workspace));
        }

        for (var d = 0; d < x.Length; d++)
        {
            if (!double.IsFinite(x[d]))
            {
                throw new ArgumentException($"x[{d}] must be finite, got {x[d]}.", nameof(x));
            }
        }

        var timeline = Timeline;
        var slots = timeline.SlotsPerDay;
        var schedule = workspace.Schedule;
        var kw = schedule.PowerKw;
        if (writeSchedule)
        {
            kw.Clear();
        }

        var evKw = workspace.EvKwBuffer;
        Array.Clear(evKw);
        var stored = workspace.StoredKwh;
        _evArrivalKwh.CopyTo(stored, 0);

        if (_spanning.Length > 0)
        {
            Span<double> row = stackalloc double[slots];
            foreach (var i in _spanning)
            {
                UncontrolledCharging.FillRow(timeline, i, row);
                for (var s = 0; s < slots; s++)
                {
                    evKw[s] += row[s];
                }

                if (writeSchedule)
                {
                    row.CopyTo(kw.Slice(i * slots, slots));
                }
            }
        }

        // double.MinNative/MaxNative compile to single min/max instructions; no NaN can reach them (the fleet and the
        // decision vector are finite and checked), so they agree with Math.Min/Max here.
        var level = LevelMinKw + Math.Clamp(x[0], 0, 1) * (LevelMaxKw - LevelMinKw);

        // The slot loops index through refs: every index is in range by construction (entries of a slot lie in
        // [start, end), their EV indices in [0, EvCount), their positions within the slot below MaxEntriesPerSlot).
        ref var entry0 = ref MemoryMarshal.GetArrayDataReference(_entries);
        ref var ev0 = ref MemoryMarshal.GetArrayDataReference(_ev);
        ref var stored0 = ref MemoryMarshal.GetArrayDataReference(stored);
        ref var lo0 = ref MemoryMarshal.GetArrayDataReference(workspace.Lo);
        ref var hi0 = ref MemoryMarshal.GetArrayDataReference(workspace.Hi);
        for (var q = 0; q < slots; q++)
        {
            var s = q + CutSlot;
            if (s >= slots)
            {
                s -= slots;
            }

            var start = _slotStart[q];
            var count = _slotStart[q + 1] - start;
            if (count == 0)
            {
                continue;
            }

            ref var first = ref Unsafe.Add(ref entry0, start);
            var sumLo = 0.0;
            var sumHi = 0.0;
            for (var k = 0; k < count; k++)
            {
                ref readonly var en = ref Unsafe.Add(ref first, k);
                ref readonly var c = ref Unsafe.Add(ref ev0, en.Ev);
                var now = Unsafe.Add(ref stored0, en.Ev);
                var needKwh = c.TargetKwh - now;
                var futureKwh = en.FutureKwh;
                var h = double.MinNative(en.ChargeKw, double.MaxNative(0.0, c.CeilingKwh - now) * c.InvGain);
                var l = double.MinNative(double.MaxNative(0.0, needKwh - futureKwh) * c.InvGain, h);

                // Discharge limited by the SOC floor and by what the later slots can still recharge. Branch-free (the
                // sign pattern of a front's EVs is unpredictable): a must-charge (l > 0) needs more than the later slots
                // hold, so its spare is negative and its discharge term exactly 0; an EV without V2G has dmax = 0.
                var spareKwh = double.MinNative(now - c.FloorKwh, futureKwh - double.MaxNative(0.0, needKwh));
                l += -double.MinNative(en.DischargeKw, double.MaxNative(0.0, spareKwh) * c.InvCost);
                Unsafe.Add(ref lo0, k) = l;
                Unsafe.Add(ref hi0, k) = h;
                sumLo += l;
                sumHi += h;
            }

            var wanted = level + Math.Clamp(x[1 + s], -1, 1) * DeviationScaleKw - _baseKw[s] - evKw[s];
            var phi = sumHi > sumLo ? Math.Clamp((wanted - sumLo) / (sumHi - sumLo), 0, 1) : 0.0;
            var slotKw = 0.0;
            for (var k = 0; k < count; k++)
            {
                ref readonly var en = ref Unsafe.Add(ref first, k);
                var j = en.Ev;
                var l = Unsafe.Add(ref lo0, k);
                var p = l + phi * (Unsafe.Add(ref hi0, k) - l);
                // Branch-free: exactly p·η_c·Δt when charging and p·Δt/η_d when discharging.
                ref readonly var c = ref Unsafe.Add(ref ev0, j);
                Unsafe.Add(ref stored0, j) += (double.MaxNative(p, 0.0) * c.Gain) + (double.MinNative(p, 0.0) * c.Cost);
                slotKw += p;
                if (writeSchedule)
                {
                    kw[en.FleetIndex * slots + s] = p;
                }
            }

            evKw[s] += slotKw;
        }
    }

    private static bool Spans(FleetTimeline timeline, int ev, int cut)
    {
        // The session runs across the cut when the cut slot is one of its steps other than the first.
        var k = timeline.StepOf(ev, cut);
        return k > 0;
    }
}

/// <summary>One EV in one plugged-in slot: rated charge and discharge (0 without V2G) × the plugged-in share of the
/// slot, kW; the battery kWh storable at full power in the EV's later slots; the EV's internal (state) index and its
/// index in the fleet.</summary>
internal readonly record struct SlotEntry(double ChargeKw, double DischargeKw, double FutureKwh, int Ev, int FleetIndex);

/// <summary>An EV's constants as the decoder's slot loop reads them (kWh; gains per kW over one slot).</summary>
internal readonly record struct EvConstants(
    double TargetKwh, double FloorKwh, double CeilingKwh, double Gain, double Cost, double InvGain, double InvCost);

/// <summary>Per-thread state of <see cref="LevelTrackingDecoder"/>: the decoded schedule, the EV load and scratch space.</summary>
public sealed class LevelTrackingWorkspace
{
    internal LevelTrackingWorkspace(LevelTrackingDecoder decoder)
    {
        Decoder = decoder;
        Schedule = new ChargeSchedule(decoder.Timeline);
        EvKwBuffer = new double[decoder.Timeline.SlotsPerDay];
        StoredKwh = new double[decoder.Timeline.EvCount];
        Lo = new double[Math.Max(1, decoder.MaxEntriesPerSlot)];
        Hi = new double[Math.Max(1, decoder.MaxEntriesPerSlot)];
    }

    /// <summary>The decoder this workspace serves.</summary>
    public LevelTrackingDecoder Decoder { get; }

    /// <summary>The last decoded schedule (kW per EV per slot, + charge, − discharge).</summary>
    public ChargeSchedule Schedule { get; }

    /// <summary>EV load per day slot of the last decode, kW (Σ over EVs).</summary>
    public ReadOnlySpan<double> EvKw => EvKwBuffer;

    internal double[] EvKwBuffer { get; }

    internal double[] StoredKwh { get; }

    internal double[] Lo { get; }

    internal double[] Hi { get; }
}
