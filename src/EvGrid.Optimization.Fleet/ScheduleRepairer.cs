namespace EvGrid.Optimization.Fleet;

/// <summary>Scratch space of <see cref="ScheduleRepairer"/>; one per thread, reused across calls.</summary>
public sealed class ScheduleRepairWorkspace
{
    /// <summary>Creates a workspace for days of <paramref name="slotsPerDay"/> slots.</summary>
    /// <param name="slotsPerDay">Slots per day T.</param>
    public ScheduleRepairWorkspace(int slotsPerDay)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slotsPerDay);
        SlotsPerDay = slotsPerDay;
        Soc = new double[slotsPerDay + 1];
        Order = new int[slotsPerDay];
        Keys = new double[slotsPerDay];
        SuffixSlack = new double[slotsPerDay + 2];
    }

    /// <summary>Slots per day the workspace serves.</summary>
    public int SlotsPerDay { get; }

    internal double[] Soc { get; }

    internal int[] Order { get; }

    internal double[] SuffixSlack { get; }

    internal double[] Keys { get; }

    internal int OrderLength { get; set; }

    /// <summary>Sorts the day slots by cost (cheapest first); an empty cost means session order.</summary>
    internal void PrepareOrder(ReadOnlySpan<double> slotCost)
    {
        if (slotCost.IsEmpty)
        {
            OrderLength = 0;
            return;
        }

        if (slotCost.Length != SlotsPerDay)
        {
            throw new ArgumentException($"slotCost holds {slotCost.Length} values, expected one per slot ({SlotsPerDay}).", nameof(slotCost));
        }

        for (var s = 0; s < SlotsPerDay; s++)
        {
            if (!double.IsFinite(slotCost[s]))
            {
                throw new ArgumentException($"slotCost[{s}] must be finite, got {slotCost[s]}.", nameof(slotCost));
            }

            Order[s] = s;
            Keys[s] = slotCost[s];
        }

        Array.Sort(Keys, Order);
        OrderLength = SlotsPerDay;
    }
}

/// <summary>What a repair changed.</summary>
/// <param name="EvsChanged">EVs whose row changed.</param>
/// <param name="AbsoluteChangeKw">Σ |ΔP| over all EVs and slots (kW).</param>
/// <param name="Fallbacks">EVs that the greedy fill could not complete and that were reset to plug-and-charge.</param>
public readonly record struct RepairResult(int EvsChanged, double AbsoluteChangeKw, int Fallbacks);

/// <summary>
/// Turns any schedule into a feasible one with little change: the repair operator the optimizers rely on.
/// </summary>
/// <remarks>
/// <para>Per EV, in order: (1) zero the slots outside the plug-in window; (2) clip each slot to
/// [−P_d·f, P_c·f] (f the plugged-in share; −0 for EVs not in V2G) and, walking the session forwards, cut a charge
/// that would lift the SOC above the ceiling or a discharge that would take it below the floor to exactly the bound
/// (seed 000 eq. (15)); (3) if the SOC at departure is short of the user's minimum (eq. (16)), add the missing
/// energy in the cheapest slots first (by <c>slotCost</c>, e.g. the tariff or the base load; session order without
/// one), first by cutting discharges, then by charging, never lifting any later SOC above the ceiling (this pass
/// bounds each slot's gain by the smallest later ceiling slack minus what it has already added, O(1) per slot); an
/// exact second pass from the last slot backwards takes what the first could not place; (4) should energy still be missing
/// (only possible after pathological ceiling interplay), the row is reset to plug-and-charge, which a valid
/// <see cref="EvFleet"/> guarantees to be feasible. A feasible row is left unchanged.</para>
/// <para>A NaN or infinite power becomes 0 kW (and counts as a change of the rated power).</para>
/// <para>Steps (2)–(3) are a projection: every kW removed breaks a bound, and the energy added is exactly the
/// shortfall. The operator allocates nothing; it costs O(T) per EV, including the exact pass.</para>
/// </remarks>
public static class ScheduleRepairer
{
    private const double Eps = 1e-12;

    /// <summary>Repairs every EV of the schedule in place.</summary>
    /// <param name="schedule">The schedule (modified).</param>
    /// <param name="slotCost">Cost per day slot (lower is filled first), or empty for session order.</param>
    /// <param name="workspace">Scratch space for this thread.</param>
    /// <returns>What changed.</returns>
    public static RepairResult Repair(ChargeSchedule schedule, ReadOnlySpan<double> slotCost, ScheduleRepairWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(workspace);
        CheckWorkspace(schedule, workspace);
        workspace.PrepareOrder(slotCost);
        var changed = 0;
        var total = 0.0;
        var fallbacks = 0;
        for (var i = 0; i < schedule.EvCount; i++)
        {
            var delta = RepairEvPrepared(schedule, i, workspace, out var fellBack);
            if (delta > 0)
            {
                changed++;
                total += delta;
            }

            if (fellBack)
            {
                fallbacks++;
            }
        }

        return new RepairResult(changed, total, fallbacks);
    }

    /// <summary>Repairs one EV's row in place.</summary>
    /// <param name="schedule">The schedule (modified).</param>
    /// <param name="ev">EV index.</param>
    /// <param name="slotCost">Cost per day slot, or empty for session order.</param>
    /// <param name="workspace">Scratch space for this thread.</param>
    /// <returns>Σ |ΔP| of the row (kW).</returns>
    public static double RepairEv(ChargeSchedule schedule, int ev, ReadOnlySpan<double> slotCost, ScheduleRepairWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(workspace);
        CheckWorkspace(schedule, workspace);
        workspace.PrepareOrder(slotCost);
        return RepairEvPrepared(schedule, ev, workspace, out _);
    }

    private static void CheckWorkspace(ChargeSchedule schedule, ScheduleRepairWorkspace workspace)
    {
        if (workspace.SlotsPerDay != schedule.SlotsPerDay)
        {
            throw new ArgumentException($"Workspace serves {workspace.SlotsPerDay} slots per day, the schedule has {schedule.SlotsPerDay}.", nameof(workspace));
        }
    }

    /// <summary>Repairs one EV with the slot order already prepared in the workspace.</summary>
    internal static double RepairEvPrepared(ChargeSchedule schedule, int ev, ScheduleRepairWorkspace ws, out bool fellBack)
    {
        fellBack = false;
        var timeline = schedule.Timeline;
        var fleet = timeline.Fleet;
        var t = timeline.SlotsPerDay;
        var dt = timeline.SlotHours;
        var row = schedule.Row(ev);
        var n = timeline.SlotCount[ev];
        var change = 0.0;

        // (1) Nothing outside the plug-in window: day slots [first + n, first + T) taken cyclically.
        var first = timeline.FirstSlot[ev];
        var end = first + n;
        if (n < t)
        {
            if (end <= t)
            {
                change += ClearRange(row.Slice(end, t - end), fleet.ChargeKw[ev]) + ClearRange(row[..first], fleet.ChargeKw[ev]);
            }
            else
            {
                change += ClearRange(row.Slice(end - t, first - (end - t)), fleet.ChargeKw[ev]);
            }
        }

        // (2) Power limits and SOC bounds, forwards. Interior steps are fully plugged in (f = 1).
        var e = fleet.BatteryKwh[ev];
        var etaC = fleet.EtaCharge[ev];
        var etaD = fleet.EtaDischarge[ev];
        var pc = fleet.ChargeKw[ev];
        var pd = fleet.V2g[ev] ? fleet.DischargeKw[ev] : 0.0;
        var floor = fleet.SocFloor(ev);
        var ceiling = fleet.SocCeiling(ev);
        var chargeGain = etaC * dt / e;      // SOC per kW of charging
        var dischargeLoss = dt / (etaD * e); // SOC per kW of discharging
        var soc = ws.Soc;
        var x = fleet.SocArrival[ev];
        soc[0] = x;
        var firstFraction = timeline.Fraction(ev, 0);
        var lastFraction = timeline.Fraction(ev, n - 1);
        var slot = first;
        for (var k = 0; k < n; k++, slot++)
        {
            if (slot == t)
            {
                slot = 0;
            }

            var f = k == 0 ? firstFraction : k == n - 1 ? lastFraction : 1.0;
            var p = row[slot];
            if (!double.IsFinite(p))
            {
                // A NaN or infinity (e.g. from a broken decoder) becomes 0 kW and counts as a change of the rated power.
                change += pc;
                p = 0;
                row[slot] = 0;
            }

            var q = p;
            if (q > 0)
            {
                if (q > pc * f * (1 + Eps))
                {
                    q = pc * f;
                }

                if (x + q * chargeGain > ceiling + Eps)
                {
                    q = Math.Max(0, (ceiling - x) / chargeGain);
                }

                x += q * chargeGain;
            }
            else if (q < 0)
            {
                if (q < -pd * f * (1 + Eps))
                {
                    q = -pd * f;
                }

                if (x + q * dischargeLoss < floor - Eps)
                {
                    q = -Math.Max(0, (x - floor) / dischargeLoss);
                }

                x += q * dischargeLoss;
            }

            if (q != p)
            {
                change += Math.Abs(q - p);
                row[slot] = q;
            }

            soc[k + 1] = x;
        }

        // (3) Departure target.
        var deficit = fleet.SocDepartureMin[ev] - x;
        if (deficit > Eps)
        {
            deficit = FillDeficit(row, timeline, ev, n, deficit, ws, -1, -2, ceiling, ref change);

            // (4) Fallback: plug-and-charge is feasible for every valid fleet.
            if (deficit > 1e-10)
            {
                fellBack = true;
                for (var k = 0; k < n; k++)
                {
                    var s = timeline.DaySlot(ev, k);
                    change += Math.Abs(row[s]);
                }

                UncontrolledCharging.FillRow(timeline, ev, row);
                for (var k = 0; k < n; k++)
                {
                    change += Math.Abs(row[timeline.DaySlot(ev, k)]);
                }
            }
        }

        return change;
    }

    /// <summary>Zeroes a span and returns Σ |value| it held (a non-finite value counts as <paramref name="nonFiniteChange"/>).</summary>
    private static double ClearRange(Span<double> span, double nonFiniteChange)
    {
        var sum = 0.0;
        for (var i = 0; i < span.Length; i++)
        {
            var a = Math.Abs(span[i]);
            sum += double.IsFinite(a) ? a : nonFiniteChange;
        }

        span.Clear();
        return sum;
    }

    /// <summary>
    /// Adds up to <paramref name="deficit"/> SOC to EV <paramref name="ev"/>'s row, skipping steps
    /// [<paramref name="skipFrom"/>, <paramref name="skipTo"/>]; <c>ws.Soc</c> must hold the row's SOC trajectory.
    /// First pass (cheapest slots first, or session order): O(1) per slot, each slot's gain bounded by the smallest
    /// later ceiling slack min_{j&gt;k}(ceiling − SOC_j) minus the SOC already added (conservative); a second, exact
    /// pass from the last step backwards runs only if energy is still missing. Returns the deficit left.
    /// </summary>
    internal static double FillDeficit(Span<double> row, FleetTimeline timeline, int ev, int n, double deficit,
        ScheduleRepairWorkspace ws, int skipFrom, int skipTo, double ceiling, ref double change)
    {
        var fleet = timeline.Fleet;
        var dt = timeline.SlotHours;
        var e = fleet.BatteryKwh[ev];
        var pc = fleet.ChargeKw[ev];
        var chargeGain = fleet.EtaCharge[ev] * dt / e;
        var dischargeLoss = dt / (fleet.EtaDischarge[ev] * e);
        var soc = ws.Soc;

        // Smallest ceiling slack from each step on; the gains added so far are subtracted as a whole, which is
        // conservative (a gain at k lowers only the slack after k) and O(1) per slot.
        var suffix = ws.SuffixSlack;
        suffix[n + 1] = double.MaxValue;
        for (var j = n; j >= 1; j--)
        {
            suffix[j] = Math.Min(ceiling - soc[j], suffix[j + 1]);
        }

        var added = 0.0;
        var t = timeline.SlotsPerDay;
        var first = timeline.FirstSlot[ev];
        var firstFraction = timeline.Fraction(ev, 0);
        var lastFraction = timeline.Fraction(ev, n - 1);
        var ordered = ws.OrderLength > 0;
        var count = ordered ? ws.OrderLength : n;
        var order = ws.Order;
        for (var o = 0; o < count && deficit > Eps; o++)
        {
            int k, slot;
            if (ordered)
            {
                slot = order[o];
                k = slot - first;
                if (k < 0)
                {
                    k += t;
                }

                if (k >= n)
                {
                    continue;
                }
            }
            else
            {
                k = o;
                slot = first + o;
                if (slot >= t)
                {
                    slot -= t;
                }
            }

            if (k >= skipFrom && k <= skipTo)
            {
                continue;
            }

            var bound = suffix[k + 1] - added;
            if (bound <= Eps)
            {
                continue;
            }

            var f = k == 0 ? firstFraction : k == n - 1 ? lastFraction : 1.0;
            var gain = Apply(row, slot, pc * f, Math.Min(deficit, bound), chargeGain, dischargeLoss, ref change);
            deficit -= gain;
            added += gain;
        }

        if (deficit <= Eps)
        {
            return deficit;
        }

        // Exact backward pass on the updated trajectory.
        var x = fleet.SocArrival[ev];
        soc[0] = x;
        for (var k = 0; k < n; k++)
        {
            var p = row[timeline.DaySlot(ev, k)];
            x += p >= 0 ? p * chargeGain : p * dischargeLoss;
            soc[k + 1] = x;
        }

        return ExactBackwardPass(row, timeline, ev, n, deficit, soc, skipFrom, skipTo, pc, chargeGain, dischargeLoss, ceiling, ref change);
    }

    /// <summary>
    /// Exact pass from the last step backwards: raises each step (outside [<paramref name="skipFrom"/>,
    /// <paramref name="skipTo"/>]) by as much as its charge limit, the deficit left and the smallest later ceiling
    /// slack min_{j&gt;k}(ceiling − SOC_j) allow. O(n): the largest later SOC is kept as a running maximum, raised by
    /// each step's gain (every later SOC rises by that gain), instead of updating and rescanning the trajectory. As
    /// rounding is monotone, ceiling − max_j SOC_j equals min_j (ceiling − SOC_j) and max_j fl(SOC_j + g) equals
    /// fl(max_j SOC_j + g), so the result is bit for bit that of the rescan. <paramref name="soc"/> (the trajectory
    /// before the pass) is read, not updated. Returns the deficit left.
    /// </summary>
    internal static double ExactBackwardPass(Span<double> row, FleetTimeline timeline, int ev, int n, double deficit,
        double[] soc, int skipFrom, int skipTo, double pc, double chargeGain, double dischargeLoss, double ceiling, ref double change)
    {
        var maxLater = double.MinValue; // max_{j>k} SOC_j including the gains added at steps after k
        for (var k = n - 1; k >= 0 && deficit > Eps; k--)
        {
            if (soc[k + 1] > maxLater)
            {
                maxLater = soc[k + 1];
            }

            if (k < skipFrom || k > skipTo)
            {
                var gain = Raise(row, timeline, ev, k, deficit, ceiling - maxLater, pc, chargeGain, dischargeLoss, ref change);
                if (gain > 0)
                {
                    deficit -= gain;
                    maxLater += gain;
                }
            }
        }

        return deficit;
    }

    /// <summary>Raises slot <paramref name="slot"/> by up to <paramref name="wanted"/> SOC within its charge limit; returns the SOC added.</summary>
    private static double Apply(Span<double> row, int slot, double hi, double wanted, double chargeGain, double dischargeLoss, ref double change)
    {
        var p = row[slot];
        if (p >= hi)
        {
            return 0;
        }

        var fromDischarge = p < 0 ? -p * dischargeLoss : 0.0;
        var headroom = fromDischarge + (hi - Math.Max(p, 0)) * chargeGain;
        var gain = Math.Min(wanted, headroom);
        if (gain <= Eps)
        {
            return 0;
        }

        double q;
        if (p < 0 && gain <= fromDischarge)
        {
            q = p + gain / dischargeLoss;
        }
        else
        {
            q = Math.Min(hi, Math.Max(p, 0) + (gain - fromDischarge) / chargeGain);
        }

        change += Math.Abs(q - p);
        row[slot] = q;
        return gain;
    }

    /// <summary>Raises step k's power to add up to <paramref name="wanted"/> SOC, at most <paramref name="slack"/> (the smallest later ceiling slack).</summary>
    private static double Raise(Span<double> row, FleetTimeline timeline, int ev, int k, double wanted, double slack,
        double pc, double chargeGain, double dischargeLoss, ref double change)
    {
        var s = timeline.DaySlot(ev, k);
        var p = row[s];
        var hi = pc * timeline.Fraction(ev, k);
        if (p >= hi)
        {
            return 0;
        }

        var fromDischarge = p < 0 ? -p * dischargeLoss : 0.0;
        var headroom = fromDischarge + (hi - Math.Max(p, 0)) * chargeGain;
        var gain = Math.Min(wanted, Math.Min(headroom, slack));
        if (gain <= Eps)
        {
            return 0;
        }

        double q;
        if (p < 0 && gain <= fromDischarge)
        {
            q = p + gain / dischargeLoss;
        }
        else
        {
            q = Math.Max(p, 0) + (gain - fromDischarge) / chargeGain;
            if (q > hi)
            {
                q = hi;
            }
        }

        change += Math.Abs(q - p);
        row[s] = q;
        return gain;
    }
}
