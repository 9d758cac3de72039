using EvGrid.Optimization.Fleet;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Fleet.Tests;

public class RepairBackwardPassTests
{
    /// <summary>
    /// The exact backward pass keeps the largest later SOC as a running maximum (O(n)); the reference below is the
    /// earlier O(n²) form that rescans and updates the trajectory at each step. Both must give the same row, change
    /// and deficit, bit for bit, on random rows, deficits and skipped ranges, with the ceiling often binding.
    /// </summary>
    [Property(Arbitrary = new[] { typeof(FleetArbitraries) }, MaxTest = 200)]
    public bool Running_maximum_backward_pass_is_bit_identical_to_the_rescanning_pass(BackwardPassCase c)
    {
        var binding = 0;
        var cases = 0;
        return BothPassesAgree(c, ref binding, ref cases);
    }

    /// <summary>
    /// The generator of the property above reaches the cases that matter: over 200 inputs drawn with a fixed seed,
    /// more than 500 EV rows are compared and the ceiling slack binds in more than 50 raises.
    /// </summary>
    [Fact]
    public void Backward_pass_inputs_often_bind_the_ceiling()
    {
        var binding = 0;
        var cases = 0;
        var inputs = FleetArbitraries.BackwardPassCases().Generator.Sample(200, new Rnd(20261127), 50);
        Assert.Equal(200, inputs.Length);
        foreach (var c in inputs)
        {
            Assert.True(BothPassesAgree(c, ref binding, ref cases));
        }

        Assert.True(cases > 500, $"only {cases} EV rows compared");
        Assert.True(binding > 50, $"the ceiling slack bound only {binding} raises");
    }

    private static bool BothPassesAgree(BackwardPassCase c, ref int binding, ref int cases)
    {
        var schedule = c.Schedule;
        var timeline = schedule.Timeline;
        var fleet = timeline.Fleet;
        var ws = new ScheduleRepairWorkspace(timeline.SlotsPerDay);
        if (c.RepairFirst)
        {
            // Feasible rows (SOC up to the ceiling), then some slots lowered: the ceiling slack binds often.
            ScheduleRepairer.Repair(schedule, [], ws);
            for (var i = 0; i < c.LowerKw.Length; i++)
            {
                if (c.LowerKw[i] > 5)
                {
                    schedule.PowerKw[i] -= c.LowerKw[i] - 5;
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

            var skipFrom = c.Skips[2 * ev];
            var skipTo = skipFrom < 0 ? -2 : skipFrom + c.Skips[2 * ev + 1] % 6;
            var ceiling = fleet.SocCeiling(ev);
            var pc = fleet.ChargeKw[ev];
            var a = schedule.Row(ev).ToArray();
            var b = schedule.Row(ev).ToArray();
            var changeA = 0.0;
            var changeB = 0.0;
            var leftA = ScheduleRepairer.ExactBackwardPass(a, timeline, ev, n, c.Deficits[ev], (double[])soc.Clone(),
                skipFrom, skipTo, pc, chargeGain, dischargeLoss, ceiling, ref changeA);
            var leftB = Reference(b, timeline, ev, n, c.Deficits[ev], (double[])soc.Clone(), skipFrom, skipTo, pc,
                chargeGain, dischargeLoss, ceiling, ref changeB, ref binding);
            cases++;
            if (!a.SequenceEqual(b) || leftA != leftB || changeA != changeB)
            {
                return false;
            }
        }

        return true;
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
