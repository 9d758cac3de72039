using EvGrid.Optimization.Fleet;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Fleet.Tests;

public class FleetSamplerTests
{
    private static readonly FleetSampler Sampler = new();

    /// <summary>A sampling seed, a fleet size and a mix.</summary>
    public sealed record SampleCase(int Seed, int EvCount, FleetMix Mix);

    /// <summary>A truncated normal (mean, standard deviation, window [lo, hi]) and a probability u.</summary>
    public sealed record TruncatedNormalCase(double Mean, double Sd, double Lo, double Hi, double U);

    /// <summary>A sampling seed.</summary>
    public sealed record Seed(int Value);

    /// <summary>Generators of sampler inputs.</summary>
    public static class Inputs
    {
        /// <summary>Seeds in [−1000, 1000], 0–9000 EVs, one of three mixes.</summary>
        public static Arbitrary<SampleCase> SampleCases() => Arb.From(
            from seed in Gen.Choose(-1000, 1000)
            from n in Gen.Choose(0, 9000)
            from mix in Gen.Elements(FleetMix.Seed002, FleetMix.PrivateOnly, FleetMix.Seed000Residential)
            select new SampleCase(seed, n, mix));

        /// <summary>Means in ±5, deviations 0.01–3, windows of width 0.01–8 starting in ±15, u on a 1e-4 grid.</summary>
        public static Arbitrary<TruncatedNormalCase> TruncatedNormals() => Arb.From(
            from mean in Gen.Choose(-500, 500)
            from sd in Gen.Choose(1, 300)
            from lo in Gen.Choose(-1500, 1500)
            from width in Gen.Choose(1, 800)
            from u in Gen.Choose(0, 9999)
            select new TruncatedNormalCase(mean / 100.0, sd / 100.0, lo / 100.0, lo / 100.0 + width / 100.0, u / 10000.0));
    }

    /// <summary>Seeds in 1–1000.</summary>
    public static class SeedsTo1000
    {
        /// <summary>Seeds in 1–1000.</summary>
        public static Arbitrary<Seed> Seeds() => Arb.From(Gen.Choose(1, 1000).Select(s => new Seed(s)));
    }

    /// <summary>Seeds in 1–500.</summary>
    public static class SeedsTo500
    {
        /// <summary>Seeds in 1–500.</summary>
        public static Arbitrary<Seed> Seeds() => Arb.From(Gen.Choose(1, 500).Select(s => new Seed(s)));
    }

    [Fact]
    public void Seed002_mix_of_900_evs_gives_741_private_cars_paper_740()
    {
        var counts = FleetMix.Seed002.Apportion(900);
        Assert.Equal([12, 28, 119, 741], counts);
        var fleet = Sampler.Sample(new FleetSamplerOptions { EvCount = 900, Seed = 7 }).Fleet;
        Assert.Equal(741, fleet.Kinds.ToArray().Count(k => k == EvKind.PrivateCar));
        Assert.Equal(12, fleet.Kinds.ToArray().Count(k => k == EvKind.Bus));
    }

    [Property(Arbitrary = new[] { typeof(Inputs) }, MaxTest = 20)]
    public bool Same_seed_gives_the_same_fleet_for_any_thread_count(SampleCase x)
    {
        var a = Sampler.Sample(new FleetSamplerOptions { EvCount = x.EvCount, Seed = x.Seed, Mix = x.Mix, MaxDegreeOfParallelism = 1, BusCount = 3 });
        var b = Sampler.Sample(new FleetSamplerOptions { EvCount = x.EvCount, Seed = x.Seed, Mix = x.Mix, MaxDegreeOfParallelism = 4, BusCount = 3 });
        return Same(a.Fleet, b.Fleet) && a.CappedTargetIds.SequenceEqual(b.CappedTargetIds);
    }

    [Fact]
    public void Different_seeds_give_different_fleets()
    {
        var a = Sampler.Sample(new FleetSamplerOptions { EvCount = 100, Seed = 1 }).Fleet;
        var b = Sampler.Sample(new FleetSamplerOptions { EvCount = 100, Seed = 2 }).Fleet;
        Assert.False(Same(a, b));
    }

    [Fact]
    public void Night_arrivals_follow_the_truncated_normal_of_seed_002()
    {
        // Night window 18:00–07:00, arrival N(19, 1.5²) truncated below at 18:00:
        // E[X] = μ + σ·φ(α)/(1 − Φ(α)), α = (18 − 19)/1.5.
        var fleet = Sampler.Sample(new FleetSamplerOptions { EvCount = 20000, Mix = FleetMix.PrivateOnly, Seed = 3 }).Fleet;
        var night = new List<double>();
        var day = new List<double>();
        for (var i = 0; i < fleet.Count; i++)
        {
            var a = fleet.ArrivalHours[i];
            if (a >= 18 || a < 7)
            {
                night.Add(a < 7 ? a + 24 : a);
                Assert.Equal(31.0, fleet.DepartureHours[i] < 24 ? fleet.DepartureHours[i] + 24 : fleet.DepartureHours[i], 9);
            }
            else
            {
                day.Add(a);
                Assert.Equal(17.0, fleet.DepartureHours[i], 9);
            }
        }

        var alpha = (18 - 19) / 1.5;
        var phi = Math.Exp(-alpha * alpha / 2) / Math.Sqrt(2 * Math.PI);
        var cdf = MathNet.Numerics.Distributions.Normal.CDF(0, 1, alpha);
        var expected = 19 + 1.5 * phi / (1 - cdf);
        Assert.InRange(night.Average(), expected - 0.04, expected + 0.04);
        Assert.InRange(night.Count / 20000.0, 0.69, 0.71);

        // Day window 08:00–17:00, N(9, 0.5²) truncated at 8: α = −2, shift 0.5·φ(2)/Φ(2) = 0.0276 h.
        var dayExpected = 9 + 0.5 * (Math.Exp(-2) / Math.Sqrt(2 * Math.PI)) / MathNet.Numerics.Distributions.Normal.CDF(0, 1, 2);
        Assert.InRange(day.Average(), dayExpected - 0.02, dayExpected + 0.02);
    }

    [Theory]
    [InlineData(16.9, 0.02, 16.75)]   // window ends 7.5 σ below the mean: rejection never accepted and returned 16.75
    [InlineData(16.9, 0.002, 16.75)]  // 75 σ: Φ underflows, exponential tail limit
    [InlineData(8.1, 0.5, 8.05)]      // window 0.05 h wide, 0.1 σ
    public void Far_tail_and_narrow_windows_sample_inside_the_window_without_a_spike(double mean, double sd, double hi)
    {
        // Arrivals in [start, departure − 0.25 h]; the analytic mean of N(μ, σ²) truncated to [lo, hi] is
        // μ + σ·(φ(α) − φ(β))/(Φ(β) − Φ(α)), and for β → −∞ (α ≪ β) hi − E[X] → σ/|β| (exponential tail).
        var depart = hi + 0.25;
        const double lo = 8.0;
        var type = EvType.Seed002PrivateCar with
        {
            Name = "tail",
            Windows = [new ChargingWindow(8, depart, mean, sd, depart, 0)],
        };
        const int n = 4000;
        var fleet = Sampler.Sample(new FleetSamplerOptions { EvCount = n, Mix = new FleetMix("tail", [new FleetMixEntry(type, 1)]), Seed = 11 }).Fleet;
        var x = fleet.ArrivalHours.ToArray();
        Assert.All(x, a => Assert.InRange(a, lo, hi + 1e-12));
        Assert.True(x.Distinct().Count() > n * 0.99, "arrivals collapse onto a point");
        Assert.True(x.Count(a => a == hi) < 3, "point mass at the window edge");

        var alpha = (lo - mean) / sd;
        var beta = (hi - mean) / sd;
        var mass = MathNet.Numerics.Distributions.Normal.CDF(0, 1, beta) - MathNet.Numerics.Distributions.Normal.CDF(0, 1, alpha);
        var expected = mass > 1e-200
            ? mean + sd * (MathNet.Numerics.Distributions.Normal.PDF(0, 1, alpha) - MathNet.Numerics.Distributions.Normal.PDF(0, 1, beta)) / mass
            : hi - sd / Math.Abs(beta);
        var avg = x.Average();
        var se = Math.Sqrt(x.Sum(a => (a - avg) * (a - avg)) / (n - 1) / n);
        Assert.InRange(avg, expected - 4 * se, expected + 4 * se);
        Assert.True(se > 0);
    }

    [Property(Arbitrary = new[] { typeof(Inputs) }, MaxTest = 500)]
    public bool Truncated_normal_inverse_is_the_inverse_cdf_on_the_window(TruncatedNormalCase t)
    {
        var (mean, sd, lo, hi, u) = (t.Mean, t.Sd, t.Lo, t.Hi, t.U);
        var x = FleetSampler.TruncatedNormalInverse(u, mean, sd, lo, hi);
        if (!(x >= lo && x <= hi))
        {
            return false;
        }

        // Where the window holds enough mass, P(lo ≤ X ≤ x | window) = u.
        var cdfLo = MathNet.Numerics.Distributions.Normal.CDF(mean, sd, lo);
        var mass = MathNet.Numerics.Distributions.Normal.CDF(mean, sd, hi) - cdfLo;
        return mass < 1e-6 || Math.Abs((MathNet.Numerics.Distributions.Normal.CDF(mean, sd, x) - cdfLo) / mass - u) < 1e-7;
    }

    [Fact]
    public void Soc_at_arrival_follows_distance_and_consumption()
    {
        var fleet = Sampler.Sample(new FleetSamplerOptions { EvCount = 20000, Mix = FleetMix.PrivateOnly, Seed = 4 }).Fleet;
        var distances = fleet.DistanceKm.ToArray();
        Array.Sort(distances);
        var median = distances[distances.Length / 2];
        Assert.InRange(median, Math.Exp(3.2) * 0.97, Math.Exp(3.2) * 1.03);
        for (var i = 0; i < fleet.Count; i++)
        {
            // SOC_arr = 0.9 − d·c/(100·32) with c ∈ [20, 30], floored at 0.1.
            var lo = Math.Max(0.1, 0.9 - fleet.DistanceKm[i] * 30 / 3200);
            var hi = Math.Max(0.1, 0.9 - fleet.DistanceKm[i] * 20 / 3200);
            Assert.InRange(fleet.SocArrival[i], lo - 1e-12, hi + 1e-12);
            Assert.InRange(fleet.SocDepartureMin[i], 0.0, 0.9);
        }

        var v2gShare = fleet.V2g.ToArray().Count(v => v) / (double)fleet.Count;
        Assert.InRange(v2gShare, 0.89, 0.91);
    }

    [Property(Arbitrary = new[] { typeof(SeedsTo1000) }, MaxTest = 20)]
    public bool Arrival_soc_is_consistent_with_distance_or_the_ev_is_listed_as_clamped(Seed s)
    {
        // SOC_arr = SOC_0 − d·c/(100·E) with c ∈ [c_min, c_max]: the implied consumption of every EV lies in its
        // type's range. EVs whose sampled trip would end below the floor are listed, sit exactly at the floor and
        // their distance is the one that reaches it.
        var seed = s.Value;
        var mix = FleetMix.Seed002;
        var sample = Sampler.Sample(new FleetSamplerOptions { EvCount = 2000, Mix = mix, Seed = seed });
        var fleet = sample.Fleet;
        var listed = sample.ClampedArrivalIds.ToHashSet();
        if (listed.Count == 0 || listed.Count != sample.ClampedArrivalIds.Count)
        {
            return false;
        }

        for (var i = 0; i < fleet.Count; i++)
        {
            var type = mix.Entries.Select(e => e.Type).First(t => t.Kind == fleet.Kinds[i]);
            var e = fleet.BatteryKwh[i];
            var d = fleet.DistanceKm[i];
            if (!(d > 0))
            {
                return false;
            }

            var implied = (type.SocAfterLastCharge - fleet.SocArrival[i]) * 100.0 * e / d;
            if (implied < type.ConsumptionMinKwhPer100Km * (1 - 1e-12) || implied > type.ConsumptionMaxKwhPer100Km * (1 + 1e-12))
            {
                return false;
            }

            var atFloor = fleet.SocArrival[i] == 0.1;
            if (listed.Contains(i) != atFloor)
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void Charging_time_is_seed_002_eq_3()
    {
        // (0.9 − 0.2) · 32 kWh / (0.9 · 7 kW) = 3.5556 h = 213.3 min.
        Assert.Equal(3.5555555555, ChargingTime.RequiredHours(0.2, 0.9, 32, 0.9, 7), 9);
        Assert.Equal(0.0, ChargingTime.RequiredHours(0.9, 0.5, 32, 0.9, 7));
    }

    [Property(Arbitrary = new[] { typeof(SeedsTo500) }, MaxTest = 30)]
    public bool Charging_time_t_cd_never_exceeds_t_lim(Seed s)
    {
        var seed = s.Value;
        var fleet = Sampler.Sample(new FleetSamplerOptions { EvCount = 300, Seed = seed }).Fleet;
        for (var i = 0; i < fleet.Count; i++)
        {
            var ev = fleet[i];
            if (ev.ActualChargingHours > ev.PlugInHours || ev.ActualChargingHours < 0)
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void Infeasible_targets_are_capped_or_named()
    {
        // Taxis with 120 kW always fit; a type that cannot reach its target in a 1 h window must be capped.
        var slow = EvType.Seed002PrivateCar with
        {
            Name = "slow",
            ChargeKw = 1,
            Windows = [new ChargingWindow(8, 9, 8.2, 0.01, 9, 0)],
            DistanceLogMean = Math.Log(100),
            DistanceLogStdDev = 0,
        };
        var mix = new FleetMix("slow", [new FleetMixEntry(slow, 1)]);
        var sample = Sampler.Sample(new FleetSamplerOptions { EvCount = 10, Mix = mix, Seed = 1 });
        Assert.Equal(10, sample.CappedTargetIds.Count);
        for (var i = 0; i < 10; i++)
        {
            var ev = sample.Fleet[i];
            Assert.True(ev.EnergyNeedKwh <= ev.ChargeKw * ev.EtaCharge * ev.PlugInHours + 1e-9);
        }

        var ex = Assert.Throws<ArgumentException>(() => Sampler.Sample(new FleetSamplerOptions
        {
            EvCount = 10, Mix = mix, Seed = 1, InfeasibleTargets = InfeasibleTargetPolicy.Throw,
        }));
        Assert.Contains("EV 0 (slow)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("short of", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_sessions_are_named_with_field_and_value()
    {
        var bad = Assert.Throws<ArgumentException>(() => new EvFleet([TestFleets.Ev(0, 18, 20, 0.5, 0.6), TestFleets.Ev(5, 18, 20, 1.2, 0.6)]));
        Assert.Contains("EV 5", bad.Message, StringComparison.Ordinal);
        Assert.Contains("SocArrival", bad.Message, StringComparison.Ordinal);
        Assert.Contains("1.2", bad.Message, StringComparison.Ordinal);

        var backwards = Assert.Throws<ArgumentException>(() => new EvFleet([TestFleets.Ev(2, 18, 17, 0.5, 0.6)]));
        Assert.Contains("EV 2", backwards.Message, StringComparison.Ordinal);
        Assert.Contains("DepartureHour 17", backwards.Message, StringComparison.Ordinal);

        // 1 h at 7 kW stores 7 kWh; 0.2 → 0.9 of 32 kWh needs 22.4 kWh.
        var short1 = Assert.Throws<ArgumentException>(() => new EvFleet([TestFleets.Ev(3, 18, 19, 0.2, 0.9)]));
        Assert.Contains("EV 3", short1.Message, StringComparison.Ordinal);
        Assert.Contains("needs 22.40 kWh", short1.Message, StringComparison.Ordinal);
        Assert.Contains("at most 7.00 kWh", short1.Message, StringComparison.Ordinal);

        var ceiling = Assert.Throws<ArgumentException>(() => new EvFleet([TestFleets.Ev(4, 18, 30, 0.5, 0.99)]));
        Assert.Contains("exceeds the SOC ceiling", ceiling.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => new EvFleet([TestFleets.Ev(0, 18, 20, 0.5, 0.6)]).OnSlots(7));
        Assert.Throws<ArgumentException>(() => FleetMix.FromName("nope"));
    }

    [Fact]
    public void A_null_mix_is_an_argument_exception_naming_the_options_and_field()
    {
        var ex = Assert.Throws<ArgumentException>(() => Sampler.Sample(new FleetSamplerOptions { EvCount = 10, Mix = null! }));
        Assert.Equal("options", ex.ParamName);
        Assert.Contains("Mix", ex.Message, StringComparison.Ordinal);
        Assert.Contains("null", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(99)]
    public void An_index_outside_the_fleet_is_an_argument_exception_naming_the_index_and_range(int index)
    {
        var fleet = new EvFleet([TestFleets.Ev(0, 18, 20, 0.5, 0.6), TestFleets.Ev(1, 18, 22, 0.4, 0.6)]);
        foreach (var call in new Func<object>[] { () => fleet.EnergyNeedKwh(index), () => fleet.SocFloor(index), () => fleet.SocCeiling(index), () => fleet[index] })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(call);
            Assert.Equal("index", ex.ParamName);
            Assert.Equal(index, ex.ActualValue);
            Assert.Contains("[0, 2)", ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0.2 * 32, fleet.EnergyNeedKwh(1), 12); // the last valid index still answers: (0.6 − 0.4) · 32 kWh, rounding only
    }

    internal static bool Same(EvFleet a, EvFleet b) =>
        a.Count == b.Count
        && a.ArrivalHours.SequenceEqual(b.ArrivalHours)
        && a.DepartureHours.SequenceEqual(b.DepartureHours)
        && a.SocArrival.SequenceEqual(b.SocArrival)
        && a.SocDepartureMin.SequenceEqual(b.SocDepartureMin)
        && a.V2g.SequenceEqual(b.V2g)
        && a.Buses.SequenceEqual(b.Buses)
        && a.DistanceKm.SequenceEqual(b.DistanceKm)
        && a.Kinds.SequenceEqual(b.Kinds);
}
