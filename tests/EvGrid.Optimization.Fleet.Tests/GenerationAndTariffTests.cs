using EvGrid.Optimization.Fleet;
using Xunit;

namespace EvGrid.Optimization.Fleet.Tests;

public class GenerationAndTariffTests
{
    [Fact]
    public void Tariff_holds_seed_002_table_1_and_its_periods_on_any_grid()
    {
        var tariff = TouTariff.Seed002;
        Assert.Equal(new TouPrices(0.6129, 1.11, 1.5, 2.20), tariff.PricesAt(9));
        Assert.Equal(new TouPrices(0.4430, 0.68, 1.0, 1.23), tariff.PricesAt(14));
        Assert.Equal(new TouPrices(0.2189, 0.35, 0.75, 0.35), tariff.PricesAt(3));
        Assert.Equal(TouPeriod.Peak, tariff.PeriodAt(20.99));
        Assert.Equal(TouPeriod.Normal, tariff.PeriodAt(21));
        var hourly = tariff.SlotPrices(60, TouPriceKind.Charging);
        Assert.Equal(24, hourly.Length);
        Assert.Equal(8 * 0.75 + 8 * 1.5 + 8 * 1.0, hourly.Sum(), 12);
        var quarter = tariff.SlotPrices(15, TouPriceKind.DischargeCompensation);
        Assert.Equal(96, quarter.Length);
        Assert.Equal(2.20, quarter[32]);
        Assert.Equal(0.35, quarter[31]);

        var custom = new TouTariff([new TouBand(22, 6, TouPeriod.Valley)], TouTariff.Seed002Peak, TouTariff.Seed002Normal, TouTariff.Seed002Valley);
        Assert.Equal(TouPeriod.Valley, custom.PeriodAt(23.5));
        Assert.Equal(TouPeriod.Valley, custom.PeriodAt(5.9));
        Assert.Equal(TouPeriod.Normal, custom.PeriodAt(6));
        var overlap = Assert.Throws<ArgumentException>(() => new TouTariff(
            [new TouBand(0, 8, TouPeriod.Valley), new TouBand(7, 9, TouPeriod.Peak)], default, default, default));
        Assert.Contains("overlap", overlap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pv_output_is_seed_002_eq_1()
    {
        var pv = new PvModel(100);
        Assert.Equal(0.0, pv.OutputKw(0));
        Assert.Equal(50.0, pv.OutputKw(0.5), 12);
        Assert.Equal(100.0, pv.OutputKw(1.0), 12);
        Assert.Equal(100.0, pv.OutputKw(1.2), 12);
        Assert.Equal(40.0, new PvModel(80, 0.8).OutputKw(0.4), 12);
        Assert.Throws<ArgumentException>(() => pv.OutputKw(-0.1));
        Assert.Throws<ArgumentException>(() => new PvModel(0));
    }

    [Fact]
    public void Wind_output_is_seed_002_eq_2_with_cut_in_and_rated_speeds_unswapped()
    {
        var wt = WindTurbineModel.Seed002;
        Assert.Equal((3.0, 13.5, 20.0), (wt.CutInMps, wt.RatedMps, wt.CutOutMps));
        Assert.Equal(0.0, wt.OutputKw(2.9));
        Assert.Equal(0.0, wt.OutputKw(3.0), 12);
        Assert.Equal(50.0, wt.OutputKw(8.25), 12);
        Assert.Equal(100.0, wt.OutputKw(13.5), 12);
        Assert.Equal(100.0, wt.OutputKw(19.99), 12);
        Assert.Equal(0.0, wt.OutputKw(20));
        var speeds = new[] { 0.0, 5.1, 30 };
        var kw = new double[3];
        wt.OutputKw(speeds, kw);
        Assert.Equal([0.0, 20.0, 0.0], kw.Select(v => Math.Round(v, 9)));
        var swapped = Assert.Throws<ArgumentException>(() => new WindTurbineModel(100, 13.5, 3, 20));
        Assert.Contains("swapped", swapped.Message, StringComparison.Ordinal);
    }
}
