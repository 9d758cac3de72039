using EvGrid.Optimization.Fleet;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace EvGrid.Optimization.Fleet.Tests;

public class RepairBackwardPassTests
{
    /// <summary>
    /// The exact backward pass keeps the largest later SOC as a running maximum (O(n)); the reference below is the
    /// earlier O(n²) form that rescans and updates the trajectory at each step. Both must give the same row, change
    /// and deficit, bit for bit, on random rows, deficits and skipped ranges, with the ceiling often binding.
    /// </summary>
    [Fact]
    public void Running_maximum_backward_pass_is_bit_identical_to_the_rescanning_pass()
    {
        var binding = 0;
        var cases = 0;
        var gen = from schedule in ScheduleTests.RandomSchedule(12)
                  from repairFirst in Gen.Elements(true, false)
                  from lower in Gen.Choose(0, 100).Select(v => v / 10.0).ArrayOf(schedule.PowerKw.Length)
                  from deficits in Gen.Choose(1, 1000).Select(v => v / 1000.0).ArrayOf(schedule.EvCount)
                  from skips in Gen.Choose(-1, 40).ArrayOf(2 * schedule.EvCount)
                  select (schedule, repairFirst, lower, deficits, skips);
        TestFleets.Check(gen, c =>
        {
            var schedule = c.schedule;
            var timeline = schedule.Timeline;
            var fleet = timeline.Fleet;
            var ws = new ScheduleRepairWorkspace(timeline.SlotsPerDay);
            if (c.repairFirst)
            {
                // Feasible rows (SOC up to the ceiling), then some slots lowered: the ceiling slack binds often.
                ScheduleRepairer.Repair(schedule, [], ws);
                for (var i = 0; i < c.lower.Length; i++)
                {
                    if (c.lower[i] > 5)
                    {
                        schedule.PowerKw[i] -= c.lower[i] - 5;
                    }
                }
            }

            for (var ev = 0; ev < schedule.EvCount; ev++)
            {
                var n = timeline.SlotCount[ev];
                var chargeGain = fleet.EtaCharge[ev] * timeline.SlotHours / fleet.BatteryKwh[ev];
                var dischargeLoss = timeline.SlotHours / (fleet.EtaDischarge[ev] * fleet.BatteryKwh[ev]);
                var soc = new double[n + 1];
                var x = fleet.SocArrival[ev];
                soc[0] = x;
                for (var k = 0; k < n; k++)
                {
                    var p = schedule.Row(ev)[timeline.DaySlot(ev, k)];
                    x += p >= 0 ? p * chargeGain : p * dischargeLoss;
                    soc[k + 1] = x;
                }

                var skipFrom = c.skips[2 * ev];
                var skipTo = skipFrom < 0 ? -2 : skipFrom + c.skips[2 * ev + 1] % 6;
                var ceiling = fleet.SocCeiling(ev);
                var pc = fleet.ChargeKw[ev];
                var a = schedule.Row(ev).ToArray();
                var b = schedule.Row(ev).ToArray();
                var changeA = 0.0;
                var changeB = 0.0;
                var leftA = ScheduleRepairer.ExactBackwardPass(a, timeline, ev, n, c.deficits[ev], (double[])soc.Clone(),
                    skipFrom, skipTo, pc, chargeGain, dischargeLoss, ceiling, ref changeA);
                var leftB = Reference(b, timeline, ev, n, c.deficits[ev], (double[])soc.Clone(), skipFrom, skipTo, pc,
                    chargeGain, dischargeLoss, ceiling, ref changeB, ref binding);
                cases++;
                if (!a.SequenceEqual(b) || leftA != leftB || changeA != changeB)
                {
                    return false;
                }
            }

            return true;
        }, maxTest: 200);
        Assert.True(cases > 500);
        Assert.True(binding > 50, $"the ceiling slack bound only {binding} raises");
    }

    /// <summary>The earlier exact backward pass: per step, rescan the later SOCs for the slack and update them.</summary>
    private static double Reference(double[] row, FleetTimeline timeline, int ev, int n, double deficit, double[] soc,
        int skipFrom, int skipTo, double pc, double chargeGain, double dischargeLoss, double ceiling, ref double change, ref int binding)
    {
        const double eps = 1e-12;
        for (var k = n - 1; k >= 0 && deficit > eps; k--)
        {
            if (k >= skipFrom && k <= skipTo)
            {
                continue;
            }

            var s = timeline.DaySlot(ev, k);
            var p = row[s];
            var hi = pc * timeline.Fraction(ev, k);
            if (p >= hi)
            {
                continue;
            }

            var fromDischarge = p < 0 ? -p * dischargeLoss : 0.0;
            var headroom = fromDischarge + (hi - Math.Max(p, 0)) * chargeGain;
            var slack = double.MaxValue;
            for (var j = k + 1; j <= n; j++)
            {
                slack = Math.Min(slack, ceiling - soc[j]);
            }

            if (slack > eps && slack < Math.Min(deficit, headroom))
            {
                binding++;
            }

            var gain = Math.Min(deficit, Math.Min(headroom, slack));
            if (gain <= eps)
            {
                continue;
            }

            var q = p < 0 && gain <= fromDischarge ? p + gain / dischargeLoss : Math.Min(hi, Math.Max(p, 0) + (gain - fromDischarge) / chargeGain);
            change += Math.Abs(q - p);
            row[s] = q;
            for (var j = k + 1; j <= n; j++)
            {
                soc[j] += gain;
            }

            deficit -= gain;
        }

        return deficit;
    }
}
