using EvGrid.Optimization.Fleet;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Fleet.Tests;

public class UncontrolledChargingTests
{
    [Fact]
    public void Ten_identical_evs_give_beta_one_and_the_analytic_profile()
    {
        // 14 kWh at 7 kW, η = 1: two full hours from 18:00.
        var fleet = new EvFleet(Enumerable.Range(0, 10).Select(i => TestFleets.Ev(i, 18, 31, 0.2, 0.6375)));
        var profile = UncontrolledCharging.Profile(fleet.OnSlots(60));
        Assert.Equal(70.0, profile.TotalKw[18], 9);
        Assert.Equal(70.0, profile.TotalKw[19], 9);
        Assert.Equal(0.0, profile.TotalKw[20], 9);
        Assert.Equal(140.0, profile.EnergyKwh, 9);
        Assert.Equal(1.0, UncontrolledCharging.SimultaneityRate(profile, fleet), 12);
    }

    [Fact]
    public void Partial_slots_and_midnight_wrap()
    {
        // Arrival 23:30 with 14 kWh to add: half of slot 23, all of slot 0, half of slot 1 on the 1 h grid.
        var fleet = new EvFleet([TestFleets.Ev(0, 23.5, 31, 0.2, 0.6375)]);
        var hourly = UncontrolledCharging.Profile(fleet.OnSlots(60)).TotalKw;
        Assert.Equal(3.5, hourly[23], 9);
        Assert.Equal(7.0, hourly[0], 9);
        Assert.Equal(3.5, hourly[1], 9);
        var quarter = UncontrolledCharging.Profile(fleet.OnSlots(15)).TotalKw;
        for (var s = 0; s < 96; s++)
        {
            var inside = s >= 94 || s < 6;
            Assert.Equal(inside ? 7.0 : 0.0, quarter[s], 9);
        }
    }

    [Fact]
    public void Beta_of_two_groups_arriving_apart()
    {
        // 4 EVs from 08:00 and 6 EVs from 18:00, each charging 2 h at 7 kW: peak 42 kW of 70 kW rated, β = 0.6.
        var evs = Enumerable.Range(0, 10).Select(i => TestFleets.Ev(i, i < 4 ? 8 : 18, i < 4 ? 17 : 31, 0.2, 0.6375));
        var fleet = new EvFleet(evs);
        var profile = UncontrolledCharging.Profile(fleet.OnSlots(60));
        Assert.Equal(0.6, UncontrolledCharging.SimultaneityRate(profile, fleet), 12);
    }

    [Property(Arbitrary = new[] { typeof(FleetArbitraries) }, MaxTest = 100)]
    public bool Profile_energy_is_the_grid_energy_of_every_need_and_matches_the_schedule(EvFleet fleet)
    {
        foreach (var minutes in new[] { 60, 15 })
        {
            var timeline = fleet.OnSlots(minutes);
            var profile = UncontrolledCharging.Profile(timeline, 4);
            var expected = 0.0;
            for (var i = 0; i < fleet.Count; i++)
            {
                expected += fleet.EnergyNeedKwh(i) / fleet.EtaCharge[i];
            }

            var fromSchedule = UncontrolledCharging.Schedule(timeline).ToProfile(4);
            if (Math.Abs(profile.EnergyKwh - expected) > 1e-6 * (1 + expected)
                || !profile.Kw.ToArray().Zip(fromSchedule.Kw.ToArray()).All(p => Math.Abs(p.First - p.Second) < 1e-9))
            {
                return false;
            }

            var beta = UncontrolledCharging.SimultaneityRate(profile, fleet);
            if (beta < 0 || beta > 1 + 1e-12)
            {
                return false;
            }
        }

        return true;
    }
}
