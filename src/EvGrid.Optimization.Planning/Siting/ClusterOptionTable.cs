using EvGrid.Optimization.Fleet;

namespace EvGrid.Optimization.Planning.Siting;

/// <summary>
/// Each willing EV cluster's load per station and slot for a fixed menu of Figure 2 timings, tabulated once: the
/// cluster decode (<see cref="ClusterScheduler.DecodeCluster"/>) depends on the timing and the tariff only, not on the
/// plan or the day, so the lower level combines table rows instead of decoding EVs.
/// </summary>
/// <remarks>
/// <para>Option 0 of every cluster is plug-and-charge (<see cref="UncontrolledCharging"/>). The others, in hours
/// with e the upper edge of the cluster's charging-time bin and H its longest plug-in time: charge later
/// (δ, e, 0, 0, 0, 0) for δ = 1 … H − e; charge in the cheapest slots (all phases 0: the decoder's shortfall fill
/// charges the need in the slots with the lowest charging price); and charge, wait, discharge
/// (0, e, δ2, e2, 0, 0) for e2 = 1 … 3 h and δ2 = 0 … H − e − e2, the recharge after the discharge going to the
/// cheapest slots by the same fill. Options with identical loads are dropped.</para>
/// <para>Unwilling and inflexible EVs and every EV type without V2G charge plug-and-charge: <see cref="FixedChargeKw"/>.</para>
/// </remarks>
internal sealed class ClusterOptionTable
{
    private readonly double[] _charge;
    private readonly double[] _discharge;
    private readonly int[] _start;

    private ClusterOptionTable(int stations, int slots, double[] fixedCharge, double[] charge, double[] discharge, int[] start, ClusterTiming[] timings, int[] clusterSize)
    {
        Stations = stations;
        Slots = slots;
        FixedChargeKw = fixedCharge;
        _charge = charge;
        _discharge = discharge;
        _start = start;
        Timings = timings;
        ClusterSize = clusterSize;
    }

    public int Stations { get; }

    public int Slots { get; }

    /// <summary>Row length: stations × slots.</summary>
    public int Width => Stations * Slots;

    public int ClusterCount => _start.Length - 1;

    public int OptionCount => _start[^1];

    /// <summary>Plug-and-charge load of the EVs the lower level does not schedule, kW, [station · T + slot].</summary>
    public double[] FixedChargeKw { get; }

    /// <summary>Timing of each option (global option index).</summary>
    public ClusterTiming[] Timings { get; }

    /// <summary>Members of each willing cluster.</summary>
    public int[] ClusterSize { get; }

    public int FirstOption(int cluster) => _start[cluster];

    public int EndOption(int cluster) => _start[cluster + 1];

    public ReadOnlySpan<double> Charge(int option) => _charge.AsSpan(option * Width, Width);

    public ReadOnlySpan<double> Discharge(int option) => _discharge.AsSpan(option * Width, Width);

    public static ClusterOptionTable Build(ClusterScheduler scheduler, int stations, double[] chargingPrice)
    {
        var timeline = scheduler.Timeline;
        var fleet = timeline.Fleet;
        var slots = timeline.SlotsPerDay;
        var width = stations * slots;
        var buses = fleet.Buses.ToArray();
        var schedule = new ChargeSchedule(timeline);
        var ws = new ScheduleRepairWorkspace(slots);
        var fixedCharge = new double[width];
        foreach (var c in scheduler.Clusters)
        {
            if (c.Kind == EvClusterKind.Willing)
            {
                continue;
            }

            foreach (var ev in c.Members)
            {
                UncontrolledCharging.FillRow(timeline, ev, schedule.Row(ev));
                Accumulate(schedule.Row(ev), buses[ev], slots, fixedCharge, null);
            }
        }

        var charge = new List<double>();
        var discharge = new List<double>();
        var timings = new List<ClusterTiming>();
        var start = new List<int> { 0 };
        var sizes = new List<int>();
        var c0 = new double[width];
        var d0 = new double[width];
        var dt = timeline.SlotHours;
        for (var w = 0; w < scheduler.WillingClusters.Count; w++)
        {
            var cluster = scheduler.WillingClusters[w];
            sizes.Add(cluster.Members.Count);
            var first = timings.Count;
            void Add(ClusterTiming? timing)
            {
                Array.Clear(c0);
                Array.Clear(d0);
                foreach (var ev in cluster.Members)
                {
                    if (timing is null)
                    {
                        UncontrolledCharging.FillRow(timeline, ev, schedule.Row(ev));
                    }
                }

                if (timing is { } t)
                {
                    scheduler.DecodeCluster(w, t, schedule, chargingPrice, ws);
                }

                foreach (var ev in cluster.Members)
                {
                    Accumulate(schedule.Row(ev), buses[ev], slots, c0, d0);
                }

                for (var o = first; o < timings.Count; o++)
                {
                    if (Same(charge, o * width, c0) && Same(discharge, o * width, d0))
                    {
                        return;
                    }
                }

                charge.AddRange(c0);
                discharge.AddRange(d0);
                timings.Add(timing ?? new ClusterTiming(0, cluster.MaxPlugInHours, 0, 0, 0, 0));
            }

            Add(null);
            var h = (int)Math.Floor(cluster.MaxPlugInHours / dt + 1e-9) * dt;
            var e = Math.Min((cluster.ChargeBin + 1) * scheduler.BinHours, h);
            for (var delay = dt; delay <= h - e + 1e-9; delay += dt)
            {
                Add(new ClusterTiming(delay, e, 0, 0, 0, 0));
            }

            Add(new ClusterTiming(0, 0, 0, 0, 0, 0));
            for (var e2 = dt; e2 <= 3 + 1e-9; e2 += dt)
            {
                for (var d2 = 0.0; d2 <= h - e - e2 + 1e-9; d2 += dt)
                {
                    Add(new ClusterTiming(0, e, d2, e2, 0, 0));
                }
            }

            start.Add(timings.Count);
        }

        return new ClusterOptionTable(stations, slots, fixedCharge, [.. charge], [.. discharge], [.. start], [.. timings], [.. sizes]);
    }

    private static void Accumulate(ReadOnlySpan<double> row, int station, int slots, double[] charge, double[]? discharge)
    {
        for (var t = 0; t < slots; t++)
        {
            var p = row[t];
            if (p > 0)
            {
                charge[(station * slots) + t] += p;
            }
            else if (p < 0 && discharge is not null)
            {
                discharge[(station * slots) + t] -= p;
            }
        }
    }

    private static bool Same(List<double> list, int offset, double[] row)
    {
        for (var i = 0; i < row.Length; i++)
        {
            if (Math.Abs(list[offset + i] - row[i]) > 1e-9)
            {
                return false;
            }
        }

        return true;
    }
}
