using EvGrid.Optimization.Fleet;
using Xunit;

namespace EvGrid.Optimization.Fleet.Tests;

/// <summary><see cref="FleetSummary"/> of a three-EV fleet, every figure worked by hand.</summary>
public class FleetSummaryTests
{
    // η = 1 throughout, so T_f = (SOC_target − SOC_arrival)·E / P.
    //   EV 0, private, V2G:   18:00–07:00 (13 h), 32 kWh, 0.2 → 0.6375: 14 kWh at 7 kW, T_f = 2 h (slots 18, 19).
    //   EV 1, private:        22:00–08:00 (10 h), 40 kWh, 0.5 → 0.85:   14 kWh at 7 kW, T_f = 2 h (slots 22, 23).
    //   EV 2, taxi:           02:00–04:00 (2 h),  50 kWh, 0.3 → 0.9:    30 kWh at 60 kW, T_f = 0.5 h (half of slot 2).
    private static readonly EvFleet Fleet = new(
    [
        new EvSession(0, EvKind.PrivateCar, 18, 31, 32, 0.2, 0.6375, 7, 7, 1, 1, true, 0, 30),
        new EvSession(1, EvKind.PrivateCar, 22, 32, 40, 0.5, 0.85, 7, 7, 1, 1, false, 0, 30),
        new EvSession(2, EvKind.Taxi, 2, 4, 50, 0.3, 0.9, 60, 60, 1, 1, false, 0, 100),
    ]);

    private static FleetSummary Summary() => FleetSummary.Create(Fleet, UncontrolledCharging.Profile(Fleet.OnSlots(60)));

    [Fact]
    public void Uncontrolled_peak_rated_power_and_simultaneity()
    {
        // Hourly load: 7 kW in slots 18, 19, 22, 23 and 60 kW for half of slot 2 = 30 kW; rated 7 + 7 + 60 = 74 kW;
        // β = 30 / 74 (seed 000 eq. 2). Sums of a few exact values: 1e-12.
        var s = Summary();
        Assert.Equal(30.0, s.UncontrolledPeakKw, 1e-12);
        Assert.Equal(74.0, s.RatedKw, 1e-12);
        Assert.Equal(30.0 / 74.0, s.SimultaneityRate, 1e-12);
    }

    [Fact]
    public void Groups_come_in_category_order_with_their_statistics()
    {
        var s = Summary();
        Assert.Equal([EvKind.Taxi, EvKind.PrivateCar], s.Groups.Select(g => g.Kind!.Value));

        // Taxi alone: one arrival at 02:00 (circular spread 0), 2 h plugged in, 30 kWh, T_f = 0.5 h.
        var taxi = s.Groups[0];
        Assert.Equal(1, taxi.Count);
        Assert.Equal(2.0, taxi.ArrivalMeanHour, 1e-12);
        Assert.Equal(0.0, taxi.ArrivalStdDevHours, 1e-12);
        Assert.Equal(2.0, taxi.PlugInMeanHours, 1e-12);
        Assert.Equal((0.3, 0.3, 0.3), (taxi.SocArrivalMean, taxi.SocArrivalMin, taxi.SocArrivalMax));
        Assert.Equal(0.9, taxi.SocDepartureMinMean, 1e-12);
        Assert.Equal(30.0, taxi.EnergyNeedKwh, 1e-12);
        Assert.Equal(0.5, taxi.ChargingHoursMean, 1e-12);
        Assert.Equal(0, taxi.V2gCount);

        // Private cars: arrivals 18:00 and 22:00 are 270° and 330° on the clock circle; their mean direction is 300°
        // (20:00) and the mean resultant length R = cos 30° = 0.866025, so the circular standard deviation is
        // √(−2 ln R)·24/(2π) = 0.536360·3.819719 = 2.048744 h.
        var cars = s.Groups[1];
        Assert.Equal(2, cars.Count);
        Assert.Equal(20.0, cars.ArrivalMeanHour, 1e-12);
        Assert.Equal(2.0487443680125903, cars.ArrivalStdDevHours, 1e-12);
        Assert.Equal(11.5, cars.PlugInMeanHours, 1e-12);
        Assert.Equal(0.35, cars.SocArrivalMean, 1e-12);
        Assert.Equal(0.2, cars.SocArrivalMin);
        Assert.Equal(0.5, cars.SocArrivalMax);
        Assert.Equal(0.74375, cars.SocDepartureMinMean, 1e-12);
        Assert.Equal(28.0, cars.EnergyNeedKwh, 1e-12);
        Assert.Equal(2.0, cars.ChargingHoursMean, 1e-12);
        Assert.Equal(1, cars.V2gCount);
    }

    [Fact]
    public void Total_wraps_arrivals_around_midnight()
    {
        // Arrivals 18:00, 22:00 and 02:00 (270°, 330°, 30°): mean sine −1/3, mean cosine √3/3, so the mean direction
        // is −30° = 22:00 (not the arithmetic 14:00) and R = 2/3, giving √(−2 ln ⅔)·24/(2π) = 3.439720 h.
        var total = Summary().Total;
        Assert.Null(total.Kind);
        Assert.Equal(3, total.Count);
        Assert.Equal(22.0, total.ArrivalMeanHour, 1e-12);
        Assert.Equal(3.439720184492635, total.ArrivalStdDevHours, 1e-12);
        Assert.Equal(25.0 / 3.0, total.PlugInMeanHours, 1e-12);
        Assert.Equal(1.0 / 3.0, total.SocArrivalMean, 1e-12);
        Assert.Equal(0.2, total.SocArrivalMin);
        Assert.Equal(0.5, total.SocArrivalMax);
        Assert.Equal((0.6375 + 0.85 + 0.9) / 3, total.SocDepartureMinMean, 1e-12);
        Assert.Equal(58.0, total.EnergyNeedKwh, 1e-12);
        Assert.Equal(1.5, total.ChargingHoursMean, 1e-12);
        Assert.Equal(1, total.V2gCount);
    }
}
