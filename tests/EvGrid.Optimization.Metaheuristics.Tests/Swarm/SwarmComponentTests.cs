using EvGrid.Optimization.Metaheuristics.MultiObjective;
using EvGrid.Optimization.Metaheuristics.Problems.MultiObjective;
using EvGrid.Optimization.Metaheuristics.Problems;
using EvGrid.Optimization.Metaheuristics.SingleObjective;
using EvGrid.Optimization.Metaheuristics.Swarm;
using EvGrid.Optimization.Metaheuristics.Tests.SingleObjective;
using System.Runtime.Intrinsics;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.Swarm;

public class SwarmComponentTests
{
    private static double[] Front(OptimizationResult r) => r.ParetoFront.SelectMany(s => s.Objectives).ToArray();

    [Fact]
    public void Mopso_presets_spelled_out_as_components_give_the_same_fronts()
    {
        // Each preset's enum options and the components they stand for, given explicitly, must be one configuration.
        var stop = StoppingCriteria.Evaluations(2_000);
        var paper = MopsoOptions.Paper with
        {
            VelocityRule = InertiaVelocity.Constant(1.25, 1.25, CoefficientDraws.TwoPerDimension),
            InertiaRule = new LinearInertia(0.85, 0.4) { FromIterationCount = true },
            LeaderRule = new GridRouletteLeader(),
            ArchiveRule = new AdaptiveGridArchiveFactory(30),
            MutationRule = new DecreasingUniformMutation(0.5),
            BoundRule = new ClampToBounds(1.0),
        };
        Assert.Equal(Front(new Mopso(MopsoOptions.Paper).Optimize(new Zdt1(), stop, 3)),
            Front(new Mopso(paper).Optimize(new Zdt1(), stop, 3)));
        var smpso = MopsoOptions.Constricted with
        {
            VelocityRule = new ConstrictedVelocity((1.5, 2.5), (1.5, 2.5), 0.1, Signed: true),
            LeaderRule = new BinaryTournamentLeader(),
            ArchiveRule = new CrowdingArchiveFactory(),
            MutationRule = new PolynomialTurbulence(6, double.NaN, 20),
            BoundRule = new ClampToBounds(-1.0),
        };
        Assert.Equal(Front(new Mopso(MopsoOptions.Constricted).Optimize(new Zdt4(), stop, 3)),
            Front(new Mopso(smpso).Optimize(new Zdt4(), stop, 3)));
    }

    [Fact]
    public void Pso_defaults_spelled_out_as_components_give_the_same_run()
    {
        var problem = TestFunctions.Create("rastrigin", 10);
        var stop = StoppingCriteria.Iterations(100);
        var options = new IHspsoOptions().Swarm with
        {
            VelocityRule = new InertiaVelocity(2.5, 0.5, 0.5, 2.5),
            InertiaRule = new CosineInertia(0.95, 0.4),
            BoundRule = BoundHandlers.For(BoundHandling.Clamp),
        };
        var plain = new IHspso().Optimize(problem, stop, 5);
        var spelled = new IHspso(new IHspsoOptions { Swarm = options }).Optimize(problem, stop, 5);
        Assert.Equal(plain.BestX, spelled.BestX);
        Assert.Equal(plain.History, spelled.History);
    }

    [Fact]
    public void Each_rule_is_read_a_non_default_part_gives_its_enum_run_and_not_the_default_one()
    {
        // The spelled-out presets above equal the defaults, so they would pass if a rule were never read; here each
        // rule differs from the default and must give the run of the enum or value it stands for.
        var problem = TestFunctions.Create("rastrigin", 10);
        var stop = StoppingCriteria.Iterations(100);
        var plain = new Pso().Optimize(problem, stop, 5).History;
        var reflectEnum = new Pso(new PsoOptions { BoundHandling = BoundHandling.Reflect }).Optimize(problem, stop, 5).History;
        var reflectRule = new Pso(new PsoOptions { BoundRule = new ReflectAtBounds() }).Optimize(problem, stop, 5).History;
        Assert.Equal(reflectEnum, reflectRule);
        Assert.NotEqual(plain, reflectRule);

        var mopsoStop = StoppingCriteria.Evaluations(2_000);
        var c = MopsoOptions.Constricted;
        var p = MopsoOptions.Paper;
        foreach (var (preset, byValue, byRule) in new (MopsoOptions, MopsoOptions, MopsoOptions)[]
                 {
                     (c, c with { MutationEvery = 3 }, c with { MutationRule = new PolynomialTurbulence(3) }),
                     (c, c with { VelocityFactorAtBound = 0.5 }, c with { BoundRule = new ClampToBounds(0.5) }),
                     (c, c with { ConstrictionInertia = 0.3 },
                         c with { VelocityRule = new ConstrictedVelocity((1.5, 2.5), (1.5, 2.5), 0.3, Signed: true) }),
                     (p, p with { GridDivisions = 10 }, p with { ArchiveRule = new AdaptiveGridArchiveFactory(10) }),
                 })
        {
            var expected = Front(new Mopso(byValue).Optimize(new Zdt1(), mopsoStop, 3));
            Assert.Equal(expected, Front(new Mopso(byRule).Optimize(new Zdt1(), mopsoStop, 3)));
            Assert.NotEqual(Front(new Mopso(preset).Optimize(new Zdt1(), mopsoStop, 3)), expected);
        }
    }

    [Fact]
    public void A_user_leader_selection_is_called_once_per_moving_particle_and_changes_the_search()
    {
        var counting = new CountingLeader();
        var stop = StoppingCriteria.Iterations(5);
        var custom = new Mopso(new MopsoOptions { SwarmSize = 20, LeaderRule = counting }).Optimize(new Zdt1(), stop, 1);
        var plain = new Mopso(new MopsoOptions { SwarmSize = 20 }).Optimize(new Zdt1(), stop, 1);
        // 5 moves of 20 particles; a call is skipped only while the archive holds a single member, which with this
        // seed never happens (ZDT1 uses only correctly rounded operations, so the count is the same everywhere).
        Assert.Equal(100, counting.Calls);
        Assert.NotEqual(Front(plain), Front(custom));
    }

    [Fact]
    public void Grid_roulette_without_a_grid_archive_is_refused_with_the_reason()
    {
        // Refused when the options are made into an optimizer, whichever way the pair was set.
        var ex = Assert.Throws<ArgumentException>(() => new Mopso(new MopsoOptions { LeaderRule = new GridRouletteLeader() }));
        Assert.Contains("adaptive-grid archive", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CrowdingArchive", ex.Message, StringComparison.Ordinal);
        Assert.Equal("LeaderRule", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => new Mopso(new MopsoOptions
        {
            LeaderSelection = MopsoLeaderSelection.GridRoulette, ArchiveRule = new CrowdingArchiveFactory(),
        }));
        Assert.Equal("LeaderSelection", ex.ParamName);
    }

    [Theory]
    [InlineData(0.0, 0.9)]
    [InlineData(1.0, 0.4)]
    [InlineData(0.5, 0.65)]
    public void Inertia_schedules_meet_their_equations_at_the_ends_and_the_middle(double fraction, double expected)
    {
        var clock = new SwarmClock((int)(fraction * 10), 10, fraction);
        Assert.Equal(expected, new LinearInertia(0.9, 0.4).Weight(clock), 15);
        Assert.Equal(expected, new LinearInertia(0.9, 0.4) { FromIterationCount = true }.Weight(clock), 15);
        Assert.Equal(expected, new CosineInertia(0.9, 0.4).Weight(clock), 15); // cos 0 = 1, cos π/2 = 0, cos π = −1
        Assert.Equal(0.7, new ConstantInertia(0.7).Weight(clock));
    }

    [Fact]
    public void Clamping_bound_handler_scales_the_velocity_and_sends_nan_to_the_lower_bound()
    {
        var bounds = Bounds.Uniform(3, -1, 1);
        double[] x = [1.5, -2.0, double.NaN];
        double[] v = [0.8, -0.6, 0.3];
        new ClampToBounds(-1.0).Apply(x, v, bounds, new RandomSource(1));
        Assert.Equal([1.0, -1.0, -1.0], x);
        Assert.Equal([-0.8, 0.6, 0.0], v);
    }

    [Fact]
    public void Kernel_moves_only_the_requested_particles_and_leaves_the_rest()
    {
        var kernel = new SwarmKernel(new PsoOptions().Components());
        var bounds = Bounds.Uniform(4, -10, 10);
        var x = Enumerable.Range(0, 12).Select(i => i - 6.0).ToArray();
        var v = new double[12];
        var p = x.Select(a => a + 1).ToArray();
        var before = x.ToArray();
        kernel.Move(x, v, p, SwarmLeaders.Shared(new double[4]), 2, kernel.StepAt(SwarmClock.At(0, 10)), bounds,
            BoundHandler.MaxVelocity(bounds, 0.2), new RandomSource(2));
        Assert.NotEqual(before[..8], x[..8]);
        Assert.Equal(before[8..], x[8..]);
        Assert.All(x, a => Assert.InRange(a, -10, 10));
    }

    [Fact]
    public void Velocity_clamp_gives_the_bits_of_the_IEEE_minimum_and_maximum_for_every_allowed_vmax()
    {
        // The kernel clamps with x86's minpd/maxpd; for vmax = +0, finite or +∞ this must equal
        // max(−vmax, min(vmax, v)) with the IEEE 754-2019 operations for every v, NaN and both zeros included.
        double[] vmax = [0.0, 1e-300, 0.5, 2.0, 1e300, double.PositiveInfinity];
        double[] v = [0.0, -0.0, 0.25, -0.25, 0.5, -0.5, 3.0, -3.0, 1e-310, -1e-310, double.NaN,
            double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue];
        foreach (var m in vmax)
        {
            foreach (var a in v)
            {
                var fast = SwarmKernel.ClampVelocity(Vector256.Create(m), Vector256.Create(a)).GetElement(0);
                var ieee = Math.Max(-m, Math.Min(m, a));
                Assert.True(BitConverter.DoubleToInt64Bits(ieee) == BitConverter.DoubleToInt64Bits(fast),
                    $"vmax {m}, v {a}: {fast} instead of {ieee}");
            }
        }
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-0.0)]
    [InlineData(double.NaN)]
    public void A_negative_or_nan_vmax_is_refused_naming_the_dimension(double bad)
    {
        var kernel = new SwarmKernel(new PsoOptions().Components());
        var bounds = Bounds.Uniform(3, -1, 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => kernel.Move(new double[3], new double[3],
            new double[3], SwarmLeaders.Shared(new double[3]), 1, kernel.StepAt(SwarmClock.At(0, 10)), bounds,
            [0.5, bad, 0.5], new RandomSource(1)));
        Assert.Equal("maxVelocity", error.ParamName);
        Assert.Contains("vmax[1]", error.Message);
    }

    [Fact]
    public void Execution_policy_scopes_nest_and_runs_read_it_when_they_start()
    {
        Assert.Same(ExecutionPolicy.Default, ExecutionPolicy.Current);
        using (ExecutionPolicy.Use(ExecutionPolicy.WithThreads(3)))
        {
            Assert.Equal(3, ExecutionPolicy.Current.MaxDegreeOfParallelism);
            using (ExecutionPolicy.Use(ExecutionPolicy.Sequential))
            {
                var probe = new ParallelProbeProblem(Bounds.Uniform(4, -5, 5), constraintCount: 0);
                new Pso(new PsoOptions { SwarmSize = 12 }).Optimize(probe, StoppingCriteria.Iterations(3), 1);
                Assert.Equal(1, probe.EvaluatorsCreated);
            }

            Assert.Equal(3, ExecutionPolicy.Current.MaxDegreeOfParallelism);
        }

        Assert.Same(ExecutionPolicy.Default, ExecutionPolicy.Current);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ExecutionPolicy.WithThreads(0));
        Assert.Contains("MaxDegreeOfParallelism", ex.Message, StringComparison.Ordinal);
        Assert.Contains(": 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_components_that_break_their_contract_fail_with_a_message_naming_them()
    {
        var stop = StoppingCriteria.Iterations(3);
        var leader = Assert.Throws<InvalidOperationException>(() =>
            new Mopso(new MopsoOptions { SwarmSize = 10, LeaderRule = new OutOfRangeLeader() }).Optimize(new Zdt1(), stop, 1));
        Assert.Contains("OutOfRangeLeader chose archive member", leader.Message, StringComparison.Ordinal);

        var archive = Assert.Throws<InvalidOperationException>(() =>
            new Mopso(new MopsoOptions { SwarmSize = 10, ArchiveRule = new WrongSizeArchiveFactory() }).Optimize(new Zdt1(), stop, 1));
        Assert.Contains("WrongSizeArchiveFactory built an archive of capacity", archive.Message, StringComparison.Ordinal);

        Assert.Equal("Every", Assert.Throws<ArgumentOutOfRangeException>(() => new PolynomialTurbulence(Every: 0)).ParamName);
        Assert.Equal("Probability", Assert.Throws<ArgumentOutOfRangeException>(() => new PolynomialTurbulence(Probability: 1.5)).ParamName);
        Assert.Equal("DistributionIndex", Assert.Throws<ArgumentOutOfRangeException>(() => new PolynomialTurbulence(DistributionIndex: -1)).ParamName);
        Assert.Equal("Rate", Assert.Throws<ArgumentOutOfRangeException>(() => new DecreasingUniformMutation(0)).ParamName);
        Assert.Equal(0.25, new DecreasingUniformMutation(0.25).Rate);
        Assert.Equal(3, new PolynomialTurbulence(Every: 3).Every);
    }

    [Fact]
    public void Parts_refuse_values_that_would_turn_a_run_into_nan_naming_part_and_parameter()
    {
        static string Message(Action make) => Assert.Throws<ArgumentOutOfRangeException>(make).Message;
        Assert.Contains("ConstantInertia.Value", Message(() => _ = new ConstantInertia(double.NaN)), StringComparison.Ordinal);
        Assert.Contains("LinearInertia.End", Message(() => _ = new LinearInertia(0.9, double.PositiveInfinity)),
            StringComparison.Ordinal);
        Assert.Contains("CosineInertia.Max", Message(() => _ = new CosineInertia(double.NaN, 0.4)), StringComparison.Ordinal);
        Assert.Contains("InertiaVelocity.C2Start", Message(() => _ = InertiaVelocity.Constant(2, double.NaN)),
            StringComparison.Ordinal);
        Assert.Contains("ConstrictedVelocity.C1", Message(() => _ = new ConstrictedVelocity((3, 1), (1.5, 2.5), 0.1)),
            StringComparison.Ordinal);
        Assert.Contains("ConstrictedVelocity.Inertia", Message(() => _ = new ConstrictedVelocity((1.5, 2.5), (1.5, 2.5),
            double.NaN)), StringComparison.Ordinal);
        Assert.Contains("ClampToBounds.VelocityFactor", Message(() => _ = new ClampToBounds(double.NaN)), StringComparison.Ordinal);
        Assert.Contains("ClampToBounds.VelocityFactor", Message(() => _ = new ClampToBounds(1.5)), StringComparison.Ordinal);
        Assert.Equal(-1.0, new ClampToBounds(-1).VelocityFactor);

        var box = Bounds.Uniform(2, -1, 1);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => BoundHandler.Clamp(new double[3], [], box, 1)).ParamName);
        Assert.Equal("velocity", Assert.Throws<ArgumentException>(() => BoundHandler.Clamp(new double[2], new double[1], box, 1))
            .ParamName);
        Assert.Equal("velocityFactor", Assert.Throws<ArgumentOutOfRangeException>(() =>
            BoundHandler.Clamp(new double[2], [], box, double.NaN)).ParamName);
    }

    [Fact]
    public void Clamp_moves_each_coordinate_as_the_scalar_rule_does_bit_for_bit()
    {
        // BoundHandler.Clamp works four coordinates at a time with masks; each coordinate must end as the rule says:
        // below → lower, else above → upper, else NaN → lower with +0 velocity; a clamped coordinate's velocity is
        // multiplied by the factor and every other coordinate and velocity is left as it was. Lengths 1–13 cover the
        // vector part and the scalar tail; the values include NaN, ±∞, ±0, the bounds themselves and a point box.
        double[] special = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, -2, 2, 1, -1, 0.5];
        var random = new Random(11);
        double Pick() => random.Next(3) == 0 ? special[random.Next(special.Length)] : (random.NextDouble() * 6) - 3;
        foreach (var factor in new[] { 1.0, -1.0, 0.0, 0.5 })
        {
            for (var n = 1; n <= 13; n++)
            {
                for (var trial = 0; trial < 40; trial++)
                {
                    var lower = new double[n];
                    var upper = new double[n];
                    for (var j = 0; j < n; j++)
                    {
                        lower[j] = -1 - random.Next(2);
                        upper[j] = random.Next(5) == 0 ? lower[j] : 1 + random.NextDouble();
                    }

                    var bounds = new Bounds(lower, upper);
                    var x = Enumerable.Range(0, n).Select(_ => Pick()).ToArray();
                    var v = Enumerable.Range(0, n).Select(_ => Pick()).ToArray();
                    var (xs, vs) = ((double[])x.Clone(), (double[])v.Clone());
                    for (var j = 0; j < n; j++)
                    {
                        if (x[j] < lower[j] || x[j] > upper[j])
                        {
                            xs[j] = x[j] < lower[j] ? lower[j] : upper[j];
                            vs[j] = v[j] * factor;
                        }
                        else if (double.IsNaN(x[j]))
                        {
                            (xs[j], vs[j]) = (lower[j], 0.0);
                        }
                    }

                    var (xv, vv, xOnly) = ((double[])x.Clone(), (double[])v.Clone(), (double[])x.Clone());
                    BoundHandler.Clamp(xv, vv, bounds, factor);
                    BoundHandler.Clamp(xOnly, [], bounds, factor);
                    for (var j = 0; j < n; j++)
                    {
                        Assert.True(BitConverter.DoubleToInt64Bits(xs[j]) == BitConverter.DoubleToInt64Bits(xv[j])
                                    && BitConverter.DoubleToInt64Bits(xs[j]) == BitConverter.DoubleToInt64Bits(xOnly[j]),
                            $"n {n}, x[{j}] = {x[j]} in [{lower[j]}, {upper[j]}]: {xv[j]} / {xOnly[j]} instead of {xs[j]}");
                        Assert.True(BitConverter.DoubleToInt64Bits(vs[j]) == BitConverter.DoubleToInt64Bits(vv[j]),
                            $"n {n}, factor {factor}, x[{j}] = {x[j]}, v = {v[j]}: velocity {vv[j]} instead of {vs[j]}");
                    }
                }
            }
        }
    }

    [Fact]
    public void With_and_object_initialisers_are_checked_like_the_constructor()
    {
        static string Param(Action make) => Assert.Throws<ArgumentOutOfRangeException>(make).ParamName!;
        Assert.Equal("Every", Param(() => _ = new PolynomialTurbulence { Every = 0 }));
        Assert.Equal("Probability", Param(() => _ = new PolynomialTurbulence() with { Probability = -0.1 }));
        Assert.Equal("DistributionIndex", Param(() => _ = new PolynomialTurbulence { DistributionIndex = double.NaN }));
        Assert.Equal("Rate", Param(() => _ = new DecreasingUniformMutation { Rate = 0 }));
        Assert.Equal("Value", Param(() => _ = new ConstantInertia(0.5) with { Value = double.NaN }));
        Assert.Equal("Start", Param(() => _ = new LinearInertia(0.9, 0.4) with { Start = double.PositiveInfinity }));
        Assert.Equal("Min", Param(() => _ = new CosineInertia(0.9, 0.4) with { Min = double.NaN }));
        Assert.Equal("C1End", Param(() => _ = InertiaVelocity.Constant(2, 2) with { C1End = double.NaN }));
        Assert.Equal("Draws", Param(() => _ = InertiaVelocity.Constant(2, 2) with { Draws = (CoefficientDraws)99 }));
        Assert.Equal("C2", Param(() => _ = new ConstrictedVelocity((1.5, 2.5), (1.5, 2.5), 0.1) with { C2 = (2, 1) }));
        Assert.Equal("VelocityFactor", Param(() => _ = new ClampToBounds() with { VelocityFactor = double.NaN }));
        Assert.Equal(0.5, (new PolynomialTurbulence() with { Probability = 0.5 }).Probability);
    }

    [Fact]
    public void Clocks_the_schedules_cannot_read_are_refused()
    {
        Assert.Equal("horizon", Assert.Throws<ArgumentOutOfRangeException>(() => SwarmClock.At(0, 0)).ParamName);
        Assert.Equal("iteration", Assert.Throws<ArgumentOutOfRangeException>(() => SwarmClock.At(-1, 10)).ParamName);
        var kernel = new SwarmKernel(new PsoOptions().Components());
        Assert.Equal("clock", Assert.Throws<ArgumentOutOfRangeException>(() => kernel.StepAt(default)).ParamName);
        Assert.Equal("clock", Assert.Throws<ArgumentOutOfRangeException>(() => kernel.StepAt(new SwarmClock(5, 10, 1.5)))
            .ParamName);
        Assert.Equal(new SwarmClock(10, 10, 1.0), SwarmClock.At(12, 10));
    }

    [Fact]
    public void A_leader_that_is_not_a_whole_row_of_the_problem_is_refused()
    {
        var kernel = new SwarmKernel(new PsoOptions().Components());
        var bounds = Bounds.Uniform(3, -1, 1);
        var x = new double[6];
        var vmax = BoundHandler.MaxVelocity(bounds, 0.2);
        var step = kernel.StepAt(SwarmClock.At(0, 10));
        var shared = Assert.Throws<ArgumentException>(() => kernel.Move(x, new double[6], new double[6],
            SwarmLeaders.Shared(new double[4]), 2, step, bounds, vmax, new RandomSource(1)));
        Assert.Equal("leaders", shared.ParamName);
        Assert.Contains("4 coordinates; the problem has 3", shared.Message, StringComparison.Ordinal);
        var row = Assert.Throws<ArgumentException>(() => kernel.Move(x, new double[6], new double[6],
            SwarmLeaders.PerParticle(new double[6], 3, [0, 2]), 2, step, bounds, vmax, new RandomSource(1)));
        Assert.Contains("Particle 1's leader is row 2 of a table of 2 rows", row.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mopso_refuses_an_inertia_schedule_the_constricted_rule_would_ignore_and_runs_with_eta_zero()
    {
        var error = Assert.Throws<ArgumentException>(() => new Mopso(MopsoOptions.Constricted with
        {
            InertiaRule = new CosineInertia(0.9, 0.4),
        }));
        Assert.Equal("InertiaRule", error.ParamName);

        // η_m = 0 is a valid option (the widest polynomial mutation) and a valid part.
        var run = new Mopso(new MopsoOptions { SwarmSize = 10, MutationDistributionIndex = 0 })
            .Optimize(new Zdt1(), StoppingCriteria.Iterations(3), 1);
        Assert.Equal(40, run.Evaluations);
    }

    [Fact]
    public void Pso_options_read_the_rules_they_were_given()
    {
        // An iteration-count schedule is read at t/T, and the coefficients are those of the velocity rule.
        var linear = new PsoOptions { InertiaRule = new LinearInertia(0.9, 0.4) { FromIterationCount = true } };
        Assert.Equal(0.65, linear.Inertia(0.5), 15);
        Assert.Equal(0.9, linear.Inertia(0.0), 15);
        var rule = new PsoOptions { VelocityRule = InertiaVelocity.Constant(1, 1) };
        Assert.Equal((1.0, 1.0), rule.Coefficients(0.3));
        Assert.Throws<InvalidOperationException>(() => new PsoOptions
        {
            VelocityRule = new ConstrictedVelocity((1.5, 2.5), (1.5, 2.5), 0.1),
        }.Coefficients(0.3));
    }

    private sealed class OutOfRangeLeader : ILeaderSelection
    {
        public int Select(ParetoArchive archive, RandomSource random) => archive.Count;
    }

    private sealed class WrongSizeArchiveFactory : IArchiveFactory
    {
        public ParetoArchive Create(int capacity, int dimension, int objectiveCount, int constraintCount)
            => new CrowdingArchiveFactory().Create(capacity, dimension + 1, objectiveCount, constraintCount);
    }

    private sealed class CountingLeader : ILeaderSelection
    {
        public int Calls { get; private set; }

        public int Select(ParetoArchive archive, RandomSource random)
        {
            Calls++;
            return archive.Count - 1;
        }
    }
}
