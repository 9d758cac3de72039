using System.Diagnostics;
using EvGrid.Optimization.Fleet;
using EvGrid.Optimization.Planning.Scheduling;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Google.OrTools.LinearSolver;
using Xunit;
using Xunit.Abstractions;

namespace EvGrid.Optimization.Planning.Tests;

public class ValleyFillingSolverTests(ITestOutputHelper output)
{
    private static EvSession Ev(int id, double arrival, double departure, double socArrival, double socTarget,
        double batteryKwh = 20, double chargeKw = 7, double dischargeKw = 7, double eta = 1.0, bool v2g = true)
        => new(id, EvKind.PrivateCar, arrival, departure, batteryKwh, socArrival, socTarget, chargeKw, dischargeKw,
            eta, eta, v2g, 0, 30);

    private static double Variance(ReadOnlySpan<double> load)
    {
        var mean = 0.0;
        foreach (var l in load)
        {
            mean += l;
        }

        mean /= load.Length;
        var f = 0.0;
        foreach (var l in load)
        {
            f += (l - mean) * (l - mean);
        }

        return f;
    }

    private static double F1(ChargeSchedule schedule, double[] baseKw)
    {
        var load = (double[])baseKw.Clone();
        for (var i = 0; i < schedule.EvCount; i++)
        {
            for (var s = 0; s < schedule.SlotsPerDay; s++)
            {
                load[s] += schedule[i, s];
            }
        }

        return Variance(load);
    }

    [Fact]
    public void Two_evs_on_four_slots_fill_the_valley_to_eight_kw()
    {
        // A 4-slot day (6 h slots), base 10, 2, 4, 8 kW. Both EVs must end at the 0.95 ceiling, so their energy is fixed:
        // EV 0 adds 24 kWh in slots 1–2 (Σp = 4 kW·slot), EV 1 adds 36 kWh in slots 1–3 (Σp = 6). Filling to a level λ:
        // (λ − 2) + (λ − 4) = 10 gives λ = 8 ≤ base 8 of slot 3, so the load is 10, 8, 8, 8 kW, mean 8.5,
        // f1 = 1.5² + 3 · 0.5² = 3 kW².
        var fleet = new EvFleet([Ev(0, 6, 18, 0.75, 0.95, batteryKwh: 120), Ev(1, 6, 24, 0.75, 0.95, batteryKwh: 180)]);
        double[] baseKw = [10, 2, 4, 8];
        var result = new ValleyFillingSolver().Solve(fleet.OnSlots(360), baseKw);

        // Tolerances: the solution is exact up to rounding (a few ulps of 10 kW).
        Assert.Equal(3.0, result.LoadVarianceKw2, 10);
        Assert.Equal(10.0, result.PeakKw, 12);
        double[] expected = [10, 8, 8, 8];
        for (var s = 0; s < 4; s++)
        {
            Assert.Equal(expected[s], result.TotalKw[s], 10);
        }

        Assert.True(result.Converged);
        Assert.True(result.RelativeGap <= 1e-6);
        Assert.True(result.RelaxationTight);
        Assert.True(ScheduleChecker.Check(result.Schedule).IsFeasible);
    }

    [Fact]
    public void One_v2g_ev_flattens_to_seven_five_six_six()
    {
        // One V2G EV plugged in all day (4 slots of 6 h), ±3 kW, 100 kWh at SOC 0.5 with target 0.5, η = 1. Base 10, 2, 4, 8.
        // KKT: slot 0 discharges at its limit (−3 → 7 kW), slot 1 charges at its limit (+3 → 5 kW), slots 2–3 sit at the mean
        // m: 4 + p2 = 8 + p3 = m and m = (7 + 5 + 12 + p2 + p3) / 4 give m = 6, p = (−3, 3, 2, −2), net energy 0 (SOC path
        // 32, 50, 62, 50 kWh inside [10, 95]). f1 = 1 + 1 = 2 kW². Without discharge slot 0 stays at 10 kW.
        var fleet = new EvFleet([Ev(0, 0, 24, 0.5, 0.5, batteryKwh: 100, chargeKw: 3, dischargeKw: 3)]);
        double[] baseKw = [10, 2, 4, 8];
        var v2g = new ValleyFillingSolver(new ValleyFillingOptions { AllowDischarge = true }).Solve(fleet.OnSlots(360), baseKw);
        Assert.Equal(2.0, v2g.LoadVarianceKw2, 10);
        double[] expected = [-3, 3, 2, -2];
        for (var s = 0; s < 4; s++)
        {
            Assert.Equal(expected[s], v2g.Schedule[0, s], 9);
        }

        Assert.True(v2g.Converged && v2g.RelaxationTight);
        Assert.True(ScheduleChecker.Check(v2g.Schedule).IsFeasible);

        var charge = new ValleyFillingSolver().Solve(fleet.OnSlots(360), baseKw);
        Assert.Equal(0.0, charge.Schedule[0, 0], 12);
        Assert.True(charge.LoadVarianceKw2 > v2g.LoadVarianceKw2 + 1);
        Assert.True(ScheduleChecker.Check(charge.Schedule).IsFeasible);
    }

    /// <summary>A residential day: evening peak, night valley (per-unit shape of a feeder's base load).</summary>
    private static readonly double[] ResidentialShape =
        [0.55, 0.50, 0.48, 0.47, 0.48, 0.55, 0.70, 0.80, 0.75, 0.70, 0.68, 0.68, 0.70, 0.68, 0.67, 0.70, 0.80, 0.92, 1.00, 0.98, 0.92, 0.82, 0.70, 0.60];

    private static double[] ResidentialBase(double peakKw) => [.. ResidentialShape.Select(x => x * peakKw)];

    /// <summary>EVs with a fixed energy (target = the 0.95 ceiling), η = 1, evening arrival and morning departure.</summary>
    private static EvFleet OracleFleet(int count, int seed)
    {
        var rng = new Random(seed);
        return new EvFleet(Enumerable.Range(0, count).Select(i => Ev(i, 17 + (rng.Next(13) * 0.25), 30 + (rng.Next(9) * 0.25),
            0.3 + (rng.Next(31) / 100.0), 0.95, batteryKwh: 60, chargeKw: 7, dischargeKw: 7, v2g: rng.Next(4) != 0)));
    }

    /// <summary>GLOP: min z s.t. base_t + Σ_i p_it ≤ z, per-EV energy Σ p Δt = need (η = 1) and power bounds, no SOC path.</summary>
    private static double MinimumPeakLp(FleetTimeline timeline, double[] baseKw, bool discharge)
    {
        using var solver = Solver.CreateSolver("GLOP");
        var fleet = timeline.Fleet;
        var t = timeline.SlotsPerDay;
        var z = solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "z");
        var rows = new Constraint[t];
        for (var s = 0; s < t; s++)
        {
            rows[s] = solver.MakeConstraint(double.NegativeInfinity, -baseKw[s]);
            rows[s].SetCoefficient(z, -1);
        }

        for (var i = 0; i < timeline.EvCount; i++)
        {
            var need = fleet.EnergyNeedKwh(i);
            var energy = solver.MakeConstraint(need, need);
            for (var k = 0; k < timeline.SlotCount[i]; k++)
            {
                var f = timeline.Fraction(i, k);
                var lo = discharge && fleet.V2g[i] ? -fleet.DischargeKw[i] * f : 0;
                var p = solver.MakeNumVar(lo, fleet.ChargeKw[i] * f, $"p{i}_{k}");
                rows[timeline.DaySlot(i, k)].SetCoefficient(p, 1);
                energy.SetCoefficient(p, timeline.SlotHours);
            }
        }

        solver.Objective().SetCoefficient(z, 1);
        solver.Objective().SetMinimization();
        Assert.Equal(Solver.ResultStatus.OPTIMAL, solver.Solve());
        return solver.Objective().Value();
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 2)]
    public void Peak_equals_the_or_tools_minimum_peak_lp(bool discharge, int seed)
    {
        // With η = 1 and fixed energies the aggregate loads form a base polytope whose least-majorised point minimises every
        // Schur-convex function at once: the variance optimum is also a minimum-peak schedule (valley filling).
        // The base peak (150 kW at 18:00) is below the level the night valley is filled to, so the EVs set the peak.
        var timeline = OracleFleet(40, seed).OnSlots(60);
        var baseKw = ResidentialBase(150);
        var result = new ValleyFillingSolver(new ValleyFillingOptions { AllowDischarge = discharge }).Solve(timeline, baseKw);
        var lp = MinimumPeakLp(timeline, baseKw, discharge);
        output.WriteLine($"discharge {discharge}: peak {result.PeakKw:F6} kW, LP {lp:F6} kW, f1 {result.LoadVarianceKw2:F3}, gap {result.RelativeGap:E2}, sweeps {result.Iterations}, tight {result.RelaxationTight}");
        Assert.True(result.Converged);
        Assert.True(result.RelaxationTight);
        Assert.True(ScheduleChecker.Check(result.Schedule).IsFeasible);

        // 1e-6 relative: the certificate bounds f1 to 1e-6 relative; GLOP's own tolerance is ~1e-9.
        Assert.Equal(lp, result.PeakKw, lp * 1e-6);
    }

    private static ChargeSchedule RandomRepaired(FleetTimeline timeline, bool discharge, int seed)
    {
        var rng = new Random(seed);
        var schedule = new ChargeSchedule(timeline);
        var fleet = timeline.Fleet;
        for (var i = 0; i < timeline.EvCount; i++)
        {
            for (var k = 0; k < timeline.SlotCount[i]; k++)
            {
                var lo = discharge && fleet.V2g[i] ? -fleet.DischargeKw[i] : 0;
                schedule[i, timeline.DaySlot(i, k)] = lo + (rng.NextDouble() * (fleet.ChargeKw[i] - lo));
            }
        }

        ScheduleRepairer.Repair(schedule, [], new ScheduleRepairWorkspace(timeline.SlotsPerDay));
        Assert.True(ScheduleChecker.Check(schedule).IsFeasible);
        return schedule;
    }

    [Property(Arbitrary = new[] { typeof(PlanningArbitraries) }, MaxTest = 300)]
    public void Random_small_fleets_beat_plug_and_charge_and_random_feasible_schedules(ValleyCase c)
    {
        var timeline = c.Fleet.OnSlots(60);
        var result = new ValleyFillingSolver(new ValleyFillingOptions { AllowDischarge = c.Discharge }).Solve(timeline, c.Base);
        var check = ScheduleChecker.Check(result.Schedule);
        Assert.True(check.IsFeasible, string.Join("; ", check.Violations));

        // The certificate's claim: no feasible schedule has f1 below f1 − gap (f1* ≥ f1 − gap). Plug-and-charge and repaired
        // random schedules are feasible, so they must respect it whether or not the sweeps converged.
        var floor = result.LoadVarianceKw2 - result.GapKw2 - (1e-9 * (1 + result.LoadVarianceKw2));
        var uncontrolled = F1(UncontrolledCharging.Schedule(timeline), c.Base);
        var random = F1(RandomRepaired(timeline, c.Discharge, c.Seed), c.Base);
        Assert.True(uncontrolled >= floor && random >= floor, $"floor {floor}, uncontrolled {uncontrolled}, random {random}");
        Assert.True(result.GapKw2 >= 0 && double.IsFinite(result.GapKw2));
        if (result.Converged)
        {
            // Converged means gap ≤ 1e-6·f1, or (for near-flat optima) gap ≤ 1e-13·Σ L² (the rounding floor of f1).
            var sumSq = result.TotalKw.Sum(l => l * l);
            Assert.True(result.RelativeGap <= 1e-6 || result.GapKw2 <= 1e-13 * sumSq, $"gap {result.GapKw2}, Σ L² {sumSq}");
            var slack = (1e-6 * result.LoadVarianceKw2) + 1e-9;
            Assert.True(result.LoadVarianceKw2 <= uncontrolled + slack && result.LoadVarianceKw2 <= random + slack);
        }

        Assert.Equal(F1(result.Schedule, c.Base), result.LoadVarianceKw2, 1e-9 * (1 + result.LoadVarianceKw2));
    }

    [Fact]
    public void Random_small_fleets_mostly_converge_within_the_sweep_budget()
    {
        // Most small cases converge within the sweep budget; the exceptions are near-flat optima (f1* ≈ 0) where the
        // relative criterion is out of reach. The fixed seed gives 259 of 300 (the same generator as the property above);
        // the floor of 255 leaves room only for last-bit differences of another platform's math library.
        var cases = PlanningArbitraries.ValleyCases().Generator.Sample(300, new Rnd(20261127), 50);
        var nonTight = 0;
        var converged = 0;
        foreach (var c in cases)
        {
            var result = new ValleyFillingSolver(new ValleyFillingOptions { AllowDischarge = c.Discharge }).Solve(c.Fleet.OnSlots(60), c.Base);
            nonTight += result.RelaxationTight ? 0 : 1;
            converged += result.Converged ? 1 : 0;
        }

        output.WriteLine($"non-tight cases: {nonTight} of 300, converged: {converged}");
        Assert.True(converged >= 255, $"converged {converged} of 300 (259 with this seed)");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Seed_000_residential_fleet_is_solved_with_a_certificate(bool discharge)
    {
        var fleet = new FleetSampler().Sample(new FleetSamplerOptions { EvCount = 300, Mix = FleetMix.Seed000Residential, Seed = 7 }).Fleet;
        var timeline = fleet.OnSlots(60);
        var baseKw = ResidentialBase(1200);
        var watch = Stopwatch.StartNew();
        var result = new ValleyFillingSolver(new ValleyFillingOptions { AllowDischarge = discharge }).Solve(timeline, baseKw);
        watch.Stop();
        output.WriteLine($"discharge {discharge}: f1 {result.LoadVarianceKw2:F1} kW², peak {result.PeakKw:F1} kW, gap {result.RelativeGap:E2}, sweeps {result.Iterations}, tight {result.RelaxationTight}, {watch.ElapsedMilliseconds} ms");
        Assert.True(result.Converged, $"relative gap {result.RelativeGap}");
        Assert.True(result.RelativeGap <= 1e-6);
        Assert.True(ScheduleChecker.Check(result.Schedule).IsFeasible);
        var uncontrolled = F1(UncontrolledCharging.Schedule(timeline), baseKw);
        Assert.True(result.LoadVarianceKw2 < uncontrolled);
        var ev = 0.0;
        for (var s = 0; s < 24; s++)
        {
            ev += result.EvKw[s];
            Assert.Equal(baseKw[s] + result.EvKw[s], result.TotalKw[s], 1e-9);
        }
    }

    [Fact]
    public void Bad_inputs_name_the_field_and_value()
    {
        var timeline = new EvFleet([Ev(0, 18, 31, 0.3, 0.9)]).OnSlots(60);
        var solver = new ValleyFillingSolver();
        var nan = ResidentialBase(10);
        nan[3] = double.NaN;
        var e1 = Assert.Throws<ArgumentException>(() => solver.Solve(timeline, nan));
        Assert.Contains("baseKw[3]", e1.Message, StringComparison.Ordinal);
        Assert.Contains("NaN", e1.Message, StringComparison.Ordinal);
        var e2 = Assert.Throws<ArgumentException>(() => solver.Solve(timeline, new double[23]));
        Assert.Contains("23", e2.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValleyFillingSolver(new ValleyFillingOptions { Tolerance = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValleyFillingSolver(new ValleyFillingOptions { MaxIterations = 0 }));

        // A 23.75 h window that the 1 h grid cuts to 23.5 h (it would revisit its arrival slot): 1 kW stores 23.5 kWh there;
        // a need 5e-10 above it passes the fleet's and the grid's own checks but cannot be met exactly.
        var need = 23.5 * (1 + 5e-10);
        var cut = new EvFleet([Ev(42, 10.5, 34.25, 0.1, 0.1 + (need / 100), batteryKwh: 100, chargeKw: 1)]).OnSlots(60);
        var e3 = Assert.Throws<ArgumentException>(() => solver.Solve(cut, ResidentialBase(10)));
        Assert.Contains("EV 42", e3.Message, StringComparison.Ordinal);
        Assert.Contains("23.5", e3.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quarter_hour_grid_with_discharge_is_feasible_and_certified()
    {
        // 96 slots: long V2G windows exercise the storage programme's larger graphs (up to ~55 steps per EV).
        var fleet = new FleetSampler().Sample(new FleetSamplerOptions { EvCount = 60, Mix = FleetMix.Seed000Residential, Seed = 3 }).Fleet;
        var timeline = fleet.OnSlots(15);
        var baseKw = Enumerable.Range(0, 96).Select(q => 240 * ResidentialShape[q / 4]).ToArray();
        var result = new ValleyFillingSolver(new ValleyFillingOptions { AllowDischarge = true }).Solve(timeline, baseKw);
        output.WriteLine($"f1 {result.LoadVarianceKw2:F1}, gap {result.RelativeGap:E2}, sweeps {result.Iterations}, tight {result.RelaxationTight}");
        Assert.True(ScheduleChecker.Check(result.Schedule).IsFeasible);
        Assert.True(result.Converged, $"relative gap {result.RelativeGap}");
        Assert.True(result.LoadVarianceKw2 < F1(UncontrolledCharging.Schedule(timeline), baseKw));
    }

    [Fact]
    public void Seed_000_residential_region_with_discharge_is_certified_in_few_sweeps()
    {
        // 1000 EVs of the residential region on its own base. The warm start (charge-only optimum) and the line search
        // along each sweep's move bring the sweep count from 51 to 6 (measured); 15 leaves room for rounding changes.
        var region = Seed000Regions.Residential;
        var timeline = RegionFleets.Sample(region, 1);
        var baseKw = region.BaseKw.ToArray();
        var result = new ValleyFillingSolver(new ValleyFillingOptions { AllowDischarge = true }).Solve(timeline, baseKw);
        output.WriteLine($"f1 {result.LoadVarianceKw2:F3}, gap {result.RelativeGap:E2}, bound {result.LowerBoundKw2:F3}, sweeps {result.Iterations}, tight {result.RelaxationTight}");
        Assert.True(result.Converged && result.RelaxationTight);
        Assert.True(result.RelativeGap <= 1e-6);
        Assert.True(result.Iterations <= 15, $"sweeps {result.Iterations}");
        Assert.True(ScheduleChecker.Check(result.Schedule).IsFeasible);

        // Tight and converged: the bound is f1 − gap at worst, so within 1e-6·f1 of f1.
        Assert.InRange(result.LowerBoundKw2, result.LoadVarianceKw2 * (1 - 1e-6), result.LoadVarianceKw2);
        Assert.InRange(result.RelativeBoundGap, 0, 1e-6);
        Assert.Equal(F1(result.Schedule, baseKw), result.LoadVarianceKw2, 1e-9 * result.LoadVarianceKw2);
    }

    [Fact]
    public void Seed_000_station_with_discharge_reports_an_honest_lower_bound()
    {
        // 5000 station EVs (120 kW, 25 kWh, short stays): the relaxed optimum burns energy (charge and discharge in one
        // slot), so the schedule comes from the restricted set and is not certified against the relaxation. The lower bound
        // still holds for every feasible schedule: the uncontrolled one and the charge-only optimum must lie above it.
        var region = Seed000Regions.Station;
        var timeline = RegionFleets.Sample(region, 1);
        var baseKw = region.BaseKw.ToArray();
        var result = new ValleyFillingSolver(new ValleyFillingOptions { AllowDischarge = true }).Solve(timeline, baseKw);
        var chargeOnly = new ValleyFillingSolver().Solve(timeline, baseKw);
        output.WriteLine($"f1 {result.LoadVarianceKw2:F1}, bound {result.LowerBoundKw2:F1}, bound gap {result.RelativeBoundGap:E2}, FW gap {result.RelativeGap:E2}, tight {result.RelaxationTight}, charge-only f1 {chargeOnly.LoadVarianceKw2:F1}");
        Assert.True(ScheduleChecker.Check(result.Schedule).IsFeasible);
        Assert.False(result.RelaxationTight);
        Assert.True(result.LowerBoundKw2 > 0 && result.LowerBoundKw2 <= result.LoadVarianceKw2);

        // Measured 3.5e-3: the restriction to one direction per slot costs that much at most. 1e-2 flags a regression.
        Assert.InRange(result.RelativeBoundGap, 0, 1e-2);

        // The bound is tighter than the last iterate's own f1 − gap (4.2e-3 measured), since it keeps the relaxed certificate.
        Assert.True(result.LowerBoundKw2 >= result.LoadVarianceKw2 - result.GapKw2);
        Assert.True(F1(UncontrolledCharging.Schedule(timeline), baseKw) >= result.LowerBoundKw2);
        Assert.True(chargeOnly.LoadVarianceKw2 >= result.LowerBoundKw2);
        Assert.True(result.LoadVarianceKw2 <= chargeOnly.LoadVarianceKw2 * (1 + 1e-9));
    }
}
