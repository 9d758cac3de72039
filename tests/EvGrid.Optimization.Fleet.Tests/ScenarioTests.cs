using EvGrid.Optimization.Fleet;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Fleet.Tests;

public class ScenarioTests
{
    /// <summary>A seed, a year length in days and a cluster count.</summary>
    public sealed record ReductionCase(int Seed, int Days, int K);

    /// <summary>Generator of <see cref="ReductionCase"/>.</summary>
    public static class Inputs
    {
        /// <summary>Seeds 1–1000, 12–60 days, 2–6 (+2) clusters.</summary>
        public static Arbitrary<ReductionCase> Cases() => Arb.From(
            from seed in Gen.Choose(1, 1000)
            from days in Gen.Choose(12, 60)
            from k in Gen.Choose(2, 6)
            select new ReductionCase(seed, days, k));
    }

    private static readonly WeatherYear Year = new SyntheticYearGenerator().Generate(new SyntheticYearOptions { Seed = 5 });

    private static double Mean(ReadOnlySpan<double> series, int fromDay, int toDay, Func<int, bool>? hour = null)
    {
        var sum = 0.0;
        var count = 0;
        for (var i = fromDay * 24; i < toDay * 24; i++)
        {
            if (hour is null || hour(i % 24))
            {
                sum += series[i];
                count++;
            }
        }

        return sum / count;
    }

    [Fact]
    public void Synthetic_year_has_the_documented_seasonal_and_daily_patterns()
    {
        Assert.Equal(8760, Year.Hours);
        Assert.Equal(1.0, Year.Load.ToArray().Max(), 12);
        // Summer (June–July) is brighter than winter (December), and nights are dark.
        Assert.True(Mean(Year.IrradianceKwPerM2, 152, 212) > 1.4 * Mean(Year.IrradianceKwPerM2, 334, 365));
        Assert.Equal(0.0, Mean(Year.IrradianceKwPerM2, 0, 365, h => h < 4 || h > 21));
        // Winter/spring (Jan–Apr) is windier than summer (Jul–Aug).
        Assert.True(Mean(Year.WindMps, 0, 120) > 1.2 * Mean(Year.WindMps, 181, 243));
        Assert.InRange(Mean(Year.WindMps, 0, 365), 6.3, 7.7);
        // Load is higher in January and July than in April and October, and peaks in the evening.
        var high = (Mean(Year.Load, 0, 31) + Mean(Year.Load, 181, 212)) / 2;
        var low = (Mean(Year.Load, 90, 120) + Mean(Year.Load, 273, 304)) / 2;
        Assert.True(high > 1.1 * low);
        Assert.True(Mean(Year.Load, 0, 365, h => h == 19) > 1.5 * Mean(Year.Load, 0, 365, h => h == 3));
    }

    [Fact]
    public void Synthetic_year_is_deterministic_and_round_trips_through_csv()
    {
        var again = new SyntheticYearGenerator().Generate(new SyntheticYearOptions { Seed = 5 });
        Assert.True(Year.WindMps.SequenceEqual(again.WindMps) && Year.Load.SequenceEqual(again.Load));
        var other = new SyntheticYearGenerator().Generate(new SyntheticYearOptions { Seed = 6 });
        Assert.False(Year.WindMps.SequenceEqual(other.WindMps));

        var writer = new StringWriter();
        Year.WriteCsv(writer);
        var read = WeatherYear.ReadCsv(new StringReader(writer.ToString()));
        Assert.True(Year.WindMps.SequenceEqual(read.WindMps));
        Assert.True(Year.IrradianceKwPerM2.SequenceEqual(read.IrradianceKwPerM2));
        Assert.True(Year.Load.SequenceEqual(read.Load));
    }

    [Fact]
    public void Csv_errors_name_line_and_column()
    {
        var header = Assert.Throws<FormatException>(() => WeatherYear.ReadCsv(new StringReader("hour,wind,irradiance_kw_m2,load\n")));
        Assert.Contains("wind_m_s", header.Message, StringComparison.Ordinal);
        var rows = "load,irradiance_kw_m2,wind_m_s\n" + string.Concat(Enumerable.Repeat("1,0,5\n", 23));
        Assert.Contains("23 hourly rows", Assert.Throws<FormatException>(() => WeatherYear.ReadCsv(new StringReader(rows))).Message, StringComparison.Ordinal);
        var bad = "load,irradiance_kw_m2,wind_m_s\n" + string.Concat(Enumerable.Repeat("1,0,5\n", 3)) + "1,x,5\n";
        var ex = Assert.Throws<FormatException>(() => WeatherYear.ReadCsv(new StringReader(bad)));
        Assert.Contains("line 5, column irradiance_kw_m2", ex.Message, StringComparison.Ordinal);
        var negative = "load,irradiance_kw_m2,wind_m_s\n" + string.Concat(Enumerable.Repeat("1,0,-5\n", 24));
        Assert.Contains("Wind speed at hour 0", Assert.Throws<FormatException>(() => WeatherYear.ReadCsv(new StringReader(negative))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pseudo_f_recovers_three_planted_day_types_with_their_probabilities()
    {
        // 200 days of type A, 120 of type B, 45 of type C, with small noise: k = 3 and T_l = 200/365, 120/365, 45/365.
        var rng = new Random(3);
        var wind = new double[365 * 24];
        var irr = new double[365 * 24];
        var load = new double[365 * 24];
        for (var d = 0; d < 365; d++)
        {
            var type = d % 73 < 40 ? 0 : d % 73 < 64 ? 1 : 2;
            for (var h = 0; h < 24; h++)
            {
                var i = d * 24 + h;
                wind[i] = new[] { 3.0, 9.0, 6.0 }[type] + 0.2 * rng.NextDouble();
                irr[i] = h is > 6 and < 18 ? new[] { 0.8, 0.2, 0.5 }[type] + 0.02 * rng.NextDouble() : 0;
                load[i] = new[] { 0.6, 0.7, 1.0 }[type] + 0.01 * rng.NextDouble();
            }
        }

        var set = new ScenarioReducer().Reduce(new WeatherYear(wind, irr, load), new ScenarioReductionOptions { Seed = 2, MaxClusters = 8 });
        Assert.Equal(3, set.Count);
        Assert.Equal([200, 120, 45], set.Days.Select(d => d.DayCount));
        Assert.Equal(200 / 365.0, set.Days[0].Probability, 12);
        Assert.Equal(3.1, set.Days[0].WindMps.Average(), 1);
        Assert.Equal(1.0, set.Days[2].Load.Average(), 1);
        Assert.True(set.PseudoF[3] > set.PseudoF[2] && set.PseudoF[3] > set.PseudoF[4]);
        Assert.Equal(0, set.Assignment[0]);

        // Generation of a typical day: eqs. (1)–(2) on the centroid profiles (~3.1 m/s: just above cut-in).
        var windKw = set.Days[0].WindOutputKw(WindTurbineModel.Seed002);
        Assert.All(windKw.Zip(set.Days[0].WindMps), p => Assert.Equal(100 * (p.Second - 3) / 10.5, p.First, 9));
        var pv = set.Days[0].PvOutputKw(new PvModel(100));
        Assert.Equal(0.0, pv[0]);
        Assert.Equal(100 * set.Days[0].IrradianceKwPerM2[12], pv[12], 9);
    }

    [Property(Arbitrary = new[] { typeof(Inputs) }, MaxTest = 25)]
    public bool Probabilities_sum_to_one_and_reduction_is_deterministic(ReductionCase x)
    {
        var year = new SyntheticYearGenerator().Generate(new SyntheticYearOptions { Seed = x.Seed, Days = x.Days });
        var options = new ScenarioReductionOptions { Seed = x.Seed, MaxClusters = x.K + 2, MinClusters = 2, Restarts = 3 };
        var set = new ScenarioReducer().Reduce(year, options);
        var again = new ScenarioReducer().Reduce(year, options);
        return Math.Abs(set.Days.Sum(d => d.Probability) - 1) < 1e-12
               && set.Days.Sum(d => d.DayCount) == x.Days
               && set.Assignment.SequenceEqual(again.Assignment)
               && set.Days.Zip(set.Days.Skip(1)).All(p => p.First.Probability >= p.Second.Probability)
               && set.Days.All(d => set.Assignment[d.MedoidDay] == d.Index);
    }
}
