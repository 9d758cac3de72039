using EvGrid.Optimization.Fleet;
using EvGrid.Optimization.Network;
using EvGrid.Optimization.Network.Grid;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Objectives.Tests;

public class FleetConnectionTests
{
    /// <summary>How many fleet buses (1–4) and the sampling seed (1–10 000).</summary>
    public sealed record BusesAndSeed(int Buses, int Seed);

    /// <summary>Generator of <see cref="BusesAndSeed"/>.</summary>
    public static class Inputs
    {
        /// <summary>1–4 fleet buses, seeds 1–10 000.</summary>
        public static Arbitrary<BusesAndSeed> Cases() => Arb.From(
            from buses in Gen.Choose(1, 4)
            from seed in Gen.Choose(1, 10_000)
            select new BusesAndSeed(buses, seed));
    }

    private static EvFleet Fleet(int evs, int buses, int seed) => new FleetSampler().Sample(new FleetSamplerOptions
    {
        EvCount = evs, Mix = FleetMix.Seed000Residential, Seed = seed, BusCount = buses, MaxDegreeOfParallelism = 1,
    }).Fleet;

    [Property(Arbitrary = new[] { typeof(Inputs) }, MaxTest = 100)]
    public void ScheduleRoundTripsThroughSlotMajorInjectionsAndBackToTheBusMajorProfile(BusesAndSeed c)
    {
        // Property: for random fleets on 1-4 fleet buses and random signed schedules, the injections are the
        // transposed bus-major profile (the mix-up of layouts the seam exists to prevent), point by point.
        var (buses, seed) = (c.Buses, c.Seed);
        var timeline = Fleet(60, buses, seed).OnSlots(60);
        var schedule = UncontrolledCharging.Schedule(timeline);
        var rng = new Random(seed);
        foreach (ref var p in schedule.PowerKw)
        {
            p = p == 0 ? 0 : p * (2 * rng.NextDouble() - 1);
        }

        var grid = new BalancedGridTimeSeries(FeederCatalog.Ieee33());
        // fleet bus b -> network bus (b + 2): distinct points, none the slack
        var map = grid.Connect([.. Enumerable.Range(0, buses).Select(b => ConnectionPoint.Bus((b + 2).ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        var connection = new FleetConnection(map, [.. Enumerable.Range(0, buses)]);
        var injections = new SlotInjections(map, timeline.SlotsPerDay);
        connection.Write(schedule, injections);
        var profile = schedule.ToProfile(buses);
        var column = new double[timeline.SlotsPerDay];
        for (var b = 0; b < buses; b++)
        {
            injections.GetPoint(b, column);
            var expected = profile.Bus(b);
            for (var s = 0; s < column.Length; s++)
            {
                // Same additions in the same EV order: equal to the last bit.
                Assert.Equal(expected[s], column[s]);
            }
        }
    }

    [Fact]
    public void SeveralFleetBusesMayShareOnePointAndTheirLoadsAdd()
    {
        var timeline = Fleet(40, 2, 3).OnSlots(60);
        var schedule = UncontrolledCharging.Schedule(timeline);
        var grid = new BalancedGridTimeSeries(FeederCatalog.Ieee33());
        var map = grid.Connect([ConnectionPoint.Bus("18")]);
        var injections = new SlotInjections(map, 24);
        new FleetConnection(map, [0, 0]).Write(schedule, injections);
        var total = schedule.ToProfile(2).TotalKw;
        for (var s = 0; s < 24; s++)
        {
            Assert.Equal(total[s], injections[s, 0], 1e-9);
        }
    }

    [Fact]
    public void WrongUseIsRejectedNamingWhatIsWrong()
    {
        var grid = new BalancedGridTimeSeries(FeederCatalog.Ieee33());
        var map = grid.Connect([ConnectionPoint.Bus("18")]);
        var ex = Assert.Throws<ArgumentException>(() => new FleetConnection(map, [0, 1]));
        Assert.Contains("fleet bus 1 is connected to point 1", ex.Message, StringComparison.Ordinal);

        var timeline = Fleet(10, 2, 1).OnSlots(60);
        var schedule = UncontrolledCharging.Schedule(timeline);
        var connection = new FleetConnection(map, [0]);
        var bad = Assert.Throws<ArgumentException>(() => connection.Write(schedule, new SlotInjections(map, 24)));
        Assert.Contains("at fleet bus 1, which is not connected", bad.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => connection.Write(schedule, new SlotInjections(map, 96)));
        var other = grid.Connect([ConnectionPoint.Bus("18")]);
        Assert.Throws<ArgumentException>(() => connection.Write(schedule, new SlotInjections(other, 24)));
    }
}
