using EvGrid.Optimization.Fleet;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Fleet.Tests;

public class ClusterSchedulerTests
{
    [Fact]
    public void Sampled_fleet_is_partitioned_by_willingness_flexibility_and_key()
    {
        var fleet = new FleetSampler().Sample(new FleetSamplerOptions { EvCount = 900, Seed = 11 }).Fleet;
        var scheduler = new ClusterScheduler(fleet.OnSlots(60));
        Assert.Equal(fleet.Count, scheduler.Clusters.Sum(c => c.Members.Count));
        Assert.Equal(fleet.Count, scheduler.Clusters.SelectMany(c => c.Members).Distinct().Count());
        var unwilling = scheduler.Clusters[0];
        Assert.Equal(EvClusterKind.Unwilling, unwilling.Kind);
        Assert.All(unwilling.Members, m => Assert.False(fleet.V2g[m]));
        Assert.Contains(unwilling.Members, m => fleet.Kinds[m] == EvKind.Bus);
        Assert.All(scheduler.Clusters[1].Members, m => Assert.True(fleet[m].ChargingHours >= fleet[m].PlugInHours));
        foreach (var c in scheduler.WillingClusters)
        {
            Assert.All(c.Members, m =>
            {
                var ev = fleet[m];
                Assert.True(ev.V2g && ev.ChargingHours < ev.PlugInHours);
                Assert.Equal(c.StartBin, (int)Math.Floor(ev.ArrivalHour));
                Assert.Equal(c.ChargeBin, (int)Math.Floor(ev.ChargingHours));
                Assert.Equal(c.EndBin, (int)Math.Floor(ev.DepartureHour % 24));
                Assert.Equal(c.Index, scheduler.ClusterOf(m));
            });
        }

        Assert.Equal(6 * scheduler.WillingClusters.Count, scheduler.VariableCount);
        Assert.True(scheduler.WillingClusters.Count > 5);
    }

    [Fact]
    public void Plug_and_charge_timing_charges_at_once_without_discharge()
    {
        var fleet = new FleetSampler().Sample(new FleetSamplerOptions { EvCount = 400, Seed = 5, Mix = FleetMix.PrivateOnly }).Fleet;
        var timeline = fleet.OnSlots(60);
        var scheduler = new ClusterScheduler(timeline);
        var x = new double[scheduler.VariableCount];
        scheduler.PlugAndChargeTiming(x);
        var decoded = new ChargeSchedule(timeline);
        scheduler.Decode(x, decoded, [], new ScheduleRepairWorkspace(24));
        var uncontrolled = UncontrolledCharging.Schedule(timeline);
        Assert.True(ScheduleChecker.Check(decoded).IsFeasible);
        Assert.All(decoded.PowerKw.ToArray(), p => Assert.True(p >= 0));
        for (var i = 0; i < fleet.Count; i++)
        {
            var first = timeline.DaySlot(i, 0);
            if (scheduler.Clusters[scheduler.ClusterOf(i)].Kind == EvClusterKind.Willing)
            {
                // Charges from plug-in at rated power × plugged-in share, for at least T_f.
                Assert.Equal(Math.Min(7 * timeline.Fraction(i, 0), (0.95 - fleet.SocArrival[i]) * 32 / 0.9), decoded[i, first], 9);
                Assert.True(SocTrajectory.FinalSoc(decoded, i) >= fleet.SocDepartureMin[i] - 1e-9);
            }
            else
            {
                Assert.True(decoded.Row(i).SequenceEqual(uncontrolled.Row(i)));
            }
        }
    }

    [Fact]
    public void Figure_2_timing_decodes_to_the_analytic_schedule()
    {
        // 18:00–07:00, 32 kWh, SOC 0.3 → 0.8, 7 kW, η = 1. Timing (1, 2, 1, 2, 1, 3) h.
        var fleet = new EvFleet([TestFleets.Ev(0, 18, 31, 0.3, 0.8)]);
        var timeline = fleet.OnSlots(60);
        var scheduler = new ClusterScheduler(timeline);
        Assert.Single(scheduler.WillingClusters);
        var schedule = new ChargeSchedule(timeline);
        scheduler.Decode([1, 2, 1, 2, 1, 3], schedule, [], new ScheduleRepairWorkspace(24));
        var expected = new double[24];
        expected[19] = expected[20] = 7;
        expected[22] = expected[23] = -7;
        expected[1] = expected[2] = 7;
        expected[3] = (0.95 - (0.3 + 4 * 7 / 32.0 - 2 * 7 / 32.0)) * 32; // cut at the 0.95 ceiling: 6.8 kW
        for (var s = 0; s < 24; s++)
        {
            Assert.Equal(expected[s], schedule[0, s], 9);
        }

        Assert.True(ScheduleChecker.Check(schedule).IsFeasible);
    }

    [Fact]
    public void Discharge_stops_where_the_target_would_become_unreachable()
    {
        // Discharge 5 h right after a 1 h charge leaves 2 h (14 kWh) of charging after the block: the discharge must
        // stop at SOC_ex − 14/32 = 0.3625 (after 7 kW and 4.4 kW); no second charge is scheduled, so the fill charges
        // the shortfall in the earliest slots after the discharge (session order without a cost).
        var fleet = new EvFleet([TestFleets.Ev(0, 18, 26, 0.5, 0.8)]);
        var timeline = fleet.OnSlots(60);
        var scheduler = new ClusterScheduler(timeline);
        var schedule = new ChargeSchedule(timeline);
        scheduler.Decode([0, 1, 0, 5, 0, 0], schedule, [], new ScheduleRepairWorkspace(24));
        var soc = SocTrajectory.Compute(schedule, 0);
        Assert.Equal(0.8 - 14 / 32.0, soc.Min(), 9);
        Assert.Equal(0.8 - 14 / 32.0, soc[3], 9);
        Assert.Equal(0.8, soc[8], 9);
        Assert.Equal([7, -7, -4.4, 7, 7, 0, 0, 0], Enumerable.Range(18, 8).Select(h => Math.Round(schedule[0, h % 24], 9)));
        Assert.True(ScheduleChecker.Check(schedule).IsFeasible);
    }

    [Property(Arbitrary = new[] { typeof(FleetArbitraries) }, MaxTest = 150)]
    public bool Decoded_schedules_respect_eq_30_the_soc_bounds_and_the_discharge_rules(DecodeCase x)
    {
        var scheduler = x.Scheduler;
        var timeline = scheduler.Timeline;
        var lower = new double[scheduler.VariableCount];
        var upper = new double[scheduler.VariableCount];
        scheduler.Bounds(lower, upper);
        var vars = x.Unit.Select((u, i) => lower[i] + u * (upper[i] - lower[i]) / 3).ToArray();
        var schedule = new ChargeSchedule(timeline);
        scheduler.Decode(vars, schedule, x.CostPerSlot, new ScheduleRepairWorkspace(timeline.SlotsPerDay));
        var check = ScheduleChecker.Check(schedule);
        if (!check.IsFeasible)
        {
            throw new InvalidOperationException(string.Join("; ", check.Violations.Take(3)));
        }

        for (var w = 0; w < scheduler.WillingClusters.Count; w++)
        {
            var timing = ClusterTiming.From(vars.AsSpan(w * 6, 6));
            foreach (var ev in scheduler.WillingClusters[w].Members)
            {
                var total = timeline.Fleet[ev].PlugInHours;
                if (timing.Clamp(total).TotalHours > total + 1e-12)
                {
                    return false;
                }

                // At most one discharge block, and no discharge before the first charge.
                var blocks = 0;
                var charged = false;
                var previousNegative = false;
                for (var k = 0; k < timeline.SlotCount[ev]; k++)
                {
                    var p = schedule[ev, timeline.DaySlot(ev, k)];
                    if (p > 0)
                    {
                        charged = true;
                    }

                    if (p < 0 && !previousNegative)
                    {
                        blocks++;
                        if (!charged)
                        {
                            return false;
                        }
                    }

                    previousNegative = p < 0;
                }

                if (blocks > 1)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
