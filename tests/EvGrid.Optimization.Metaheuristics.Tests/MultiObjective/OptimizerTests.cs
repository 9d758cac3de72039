using EvGrid.Optimization.Metaheuristics.DependencyInjection;
using EvGrid.Optimization.Metaheuristics.MultiObjective;
using EvGrid.Optimization.Metaheuristics.Problems.MultiObjective;
using EvGrid.Optimization.Metaheuristics.Registry;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.MultiObjective;

public class OptimizerTests
{
    private static double MeanIgd(Func<IOptimizer> create, MultiObjectiveTestProblem problem, long evaluations, int runs)
        => RunIgds(create, problem, evaluations, runs).Average();

    // The middle run of an odd number: a threshold on it holds when one run in a few stalls on a local front, which a
    // different trajectory (another seed, or another platform's math library, see ProtocolPinTests) may do.
    private static double MedianIgd(Func<IOptimizer> create, MultiObjectiveTestProblem problem, long evaluations, int runs)
    {
        Assert.True(runs % 2 == 1, "an odd number of runs");
        var igds = RunIgds(create, problem, evaluations, runs);
        Array.Sort(igds);
        return igds[runs / 2];
    }

    private static double[] RunIgds(Func<IOptimizer> create, MultiObjectiveTestProblem problem, long evaluations, int runs)
    {
        var igds = new double[runs];
        for (var r = 0; r < runs; r++)
        {
            var result = create().Optimize(problem, StoppingCriteria.Evaluations(evaluations), RandomSource.DeriveSeed(7, r));
            Assert.Equal(evaluations, result.Evaluations);
            Assert.InRange(result.ParetoFront.Count, 1, 100);
            igds[r] = Fronts.IgdOf(result, problem);
        }

        return igds;
    }

    // The targets (30 runs, docs/validation.md) asserted here on 4 runs: mean IGD ≤ 0.005 on ZDT1/ZDT2 and
    // ≤ 0.0065 on ZDT3 at 25 000 evaluations with an archive of 100, by the default MOPSO (seed 000's inertia rule,
    // ω 0.85 → 0.4, c1 = c2 = 1.25, 60 particles).
    [Theory]
    [InlineData("zdt1", 0.005)]
    [InlineData("zdt2", 0.005)]
    [InlineData("zdt3", 0.0065)]
    [InlineData("zdt6", 0.005)]
    public void MopsoReachesTheTargetIgdAt25000Evaluations(string name, double target)
    {
        var problem = MultiObjectiveProblems.Create(name);
        var igd = MeanIgd(() => new Mopso(new MopsoOptions()), problem, 25_000, 4);
        Assert.InRange(igd, 0.0, target);
    }

    [Fact]
    public void DefaultMopsoKeepsSeed000sVelocityRuleAndNumbers()
    {
        var o = new MopsoOptions();
        Assert.Equal(MopsoVelocityRule.Inertia, o.Velocity);
        Assert.Equal((0.85, 1.25, 1.25, 60, 100), (o.InertiaStart, o.C1, o.C2, o.SwarmSize, o.ArchiveCapacity));
        Assert.Equal(1.0, o.VelocityFactorAtBound);
    }

    // The inertia-weight swarm stalls on ZDT4's 21⁹ local fronts; the SMPSO-constricted swarm (registered as smpso)
    // reaches the front.
    [Theory]
    [InlineData("zdt1", 0.005)]
    [InlineData("zdt4", 0.005)]
    public void ConstrictedMopsoReachesZdt4At25000Evaluations(string name, double target)
    {
        var problem = MultiObjectiveProblems.Create(name);
        var igd = MeanIgd(() => new Mopso(MopsoOptions.Constricted, "smpso"), problem, 25_000, 3);
        Assert.InRange(igd, 0.0, target);
        Assert.True(MeanIgd(() => new Mopso(new MopsoOptions()), new Zdt4(), 10_000, 2) > 0.1,
            "the inertia-weight swarm stalls on ZDT4's local fronts");
    }

    /// <summary>
    /// The IGD floor of an ideal 100-point set on a sampled true front: the better of the Das–Dennis lattice with
    /// H = 12 (91 points, the largest with at most 100 for three objectives) mapped onto the front and a greedy
    /// max–min (farthest-point) subsample of 100 reference points. No archive of 100 can do much better than this.
    /// </summary>
    internal static double IdealHundredPointIgd(MultiObjectiveTestProblem problem, Func<double[], double[]> ontoFront)
    {
        var m = problem.ObjectiveCount;
        var reference = problem.TrueFront.ToArray();
        var lattice = new List<double>();
        const int H = 12;
        for (var i = 0; i <= H; i++)
        {
            for (var j = 0; j <= H - i; j++)
            {
                lattice.AddRange(ontoFront([i / (double)H, j / (double)H, (H - i - j) / (double)H]));
            }
        }

        var count = reference.Length / m;
        var chosen = new List<double>();
        var nearest = Enumerable.Repeat(double.PositiveInfinity, count).ToArray();
        var next = 0;
        for (var k = 0; k < 100; k++)
        {
            chosen.AddRange(reference.AsSpan(next * m, m).ToArray());
            var far = -1.0;
            for (var r = 0; r < count; r++)
            {
                var d = 0.0;
                for (var q = 0; q < m; q++)
                {
                    var e = reference[r * m + q] - reference[next * m + q];
                    d += e * e;
                }

                nearest[r] = Math.Min(nearest[r], d);
                if (nearest[r] > far)
                {
                    far = nearest[r];
                    next = r;
                }
            }
        }

        return Math.Min(
            Indicators.Igd.Compute(lattice.ToArray(), reference, m),
            Indicators.Igd.Compute(chosen.ToArray(), reference, m));
    }

    private static double[] OntoSimplexHalf(double[] w) => w.Select(v => 0.5 * v).ToArray();

    private static double[] OntoSphere(double[] w)
    {
        var norm = Math.Sqrt(w.Sum(v => v * v));
        return w.Select(v => v / norm).ToArray();
    }

    [Fact]
    public void IdealHundredPointFloorIsPositiveAndBeatsACoarseLattice()
    {
        // 100 points cannot cover the 1 035 reference points of a 3-objective front exactly, so the floor is well
        // above 0; and a lattice as coarse as H = 4 (15 points) is clearly worse than it.
        var floor = IdealHundredPointIgd(new Dtlz2(), OntoSphere);
        Assert.InRange(floor, 0.02, 0.08);
        var coarse = new List<double>();
        for (var i = 0; i <= 4; i++)
        {
            for (var j = 0; j <= 4 - i; j++)
            {
                coarse.AddRange(OntoSphere([i / 4.0, j / 4.0, (4 - i - j) / 4.0]));
            }
        }

        Assert.True(Indicators.Igd.Compute(coarse.ToArray(), new Dtlz2().TrueFront, 3) > 1.5 * floor);
    }

    [Fact]
    public void MopsoReachesDtlzFrontsAt25000Evaluations()
    {
        // Anchored to the IGD floor of an ideal 100-point set on the same sampled front (IdealHundredPointIgd: 0.0203 on
        // DTLZ1, 0.0535 on DTLZ2), not to this implementation's own means: the archive of 100 must come within 1.8× of
        // that floor (measured: 1.6×, 1.45× and 1.3×; docs/validation.md). DTLZ1 (11⁵ local fronts) is reached by the
        // constricted swarm; DTLZ2 by both. DTLZ1 takes the median of three runs: over 30 seeds the mean of two runs
        // was 1.41–1.61× the floor 29 times and 3.9× once, when one run had stalled on a local front.
        var dtlz1 = new Dtlz1();
        var dtlz2 = new Dtlz2();
        var floor1 = IdealHundredPointIgd(dtlz1, OntoSimplexHalf);
        var floor2 = IdealHundredPointIgd(dtlz2, OntoSphere);
        var smpso = () => (IOptimizer)new Mopso(MopsoOptions.Constricted, "smpso");
        var mopso = () => (IOptimizer)new Mopso(new MopsoOptions());
        var igd1 = MedianIgd(smpso, dtlz1, 25_000, 3);
        var igd2 = MeanIgd(smpso, dtlz2, 25_000, 2);
        var igd2Mopso = MeanIgd(mopso, dtlz2, 25_000, 2);
        Assert.True(igd1 <= 1.8 * floor1, $"DTLZ1 smpso IGD {igd1} vs ideal floor {floor1}");
        Assert.True(igd2 <= 1.8 * floor2, $"DTLZ2 smpso IGD {igd2} vs ideal floor {floor2}");
        Assert.True(igd2Mopso <= 1.8 * floor2, $"DTLZ2 mopso IGD {igd2Mopso} vs ideal floor {floor2}");
    }

    [Fact]
    public void PaperConfigurationConvergesOnZdt1ButNotOnZdt4()
    {
        // Regression guard for the 2004 MOPSO (adaptive grid, roulette leaders), not the target: it converges on
        // ZDT1 but spreads less evenly than the crowding-distance archive, about 5.2e-3 over 30 runs
        // (docs/validation.md), and stalls on ZDT4.
        var paper = () => new Mopso(MopsoOptions.Paper);
        Assert.InRange(MeanIgd(paper, new Zdt1(), 25_000, 2), 0, 0.0065);
        Assert.True(MeanIgd(paper, new Zdt4(), 10_000, 2) > 0.1, "the inertia-weight swarm stalls on ZDT4's local fronts");
    }

    [Theory]
    [InlineData("zdt1", 0.0065)]
    [InlineData("zdt2", 0.0065)]
    [InlineData("zdt3", 0.0075)]
    public void Nsga2ReachesTheEstablishedLevelAt25000Evaluations(string name, double bound)
    {
        // The median of three runs: on ZDT3 about one run in 30 loses a piece of the front (docs/validation.md: mean
        // 6.41e-3, standard deviation 5.38e-3), which would carry a mean of three over the bound.
        var problem = MultiObjectiveProblems.Create(name);
        var igd = MedianIgd(() => new Nsga2(new Nsga2Options()), problem, 25_000, 3);
        Assert.InRange(igd, 0.0, bound);
    }

    [Fact]
    public void ShortRunsAreFarFromTheFront()
    {
        // The indicator sees the difference between 600 and 25 000 evaluations (guards against a vacuous IGD test).
        var igd = MeanIgd(() => new Mopso(new MopsoOptions()), new Zdt1(), 600, 2);
        Assert.True(igd > 0.05, $"IGD after 600 evaluations was {igd}");
    }

    public static TheoryData<string> Optimizers => new() { "mopso", "smpso", "mopso-paper", "nsga2" };

    private static IOptimizer Create(string name) => name switch
    {
        "mopso" => new Mopso(new MopsoOptions()),
        "mopso-paper" => new Mopso(MopsoOptions.Paper, "mopso-paper"),
        "smpso" => new Mopso(MopsoOptions.Constricted, "smpso"),
        _ => new Nsga2(new Nsga2Options()),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void SameSeedGivesTheSameFrontOnOneOrManyThreadsAndSeedsDiffer(string name)
    {
        var problem = new ParallelProblem(new Zdt3());
        var stopping = StoppingCriteria.Evaluations(3_000);
        var one = Create(name).Optimize(problem, stopping, 42, ExecutionPolicy.Sequential);
        var many = Create(name).Optimize(problem, stopping, 42, ExecutionPolicy.WithThreads(4));
        var other = Create(name).Optimize(problem, stopping, 43, ExecutionPolicy.WithThreads(4));
        Assert.Equal(Fronts.Flatten(one), Fronts.Flatten(many));
        Assert.Equal(one.ParetoFront.SelectMany(s => s.X), many.ParetoFront.SelectMany(s => s.X));
        Assert.NotEqual(Fronts.Flatten(one), Fronts.Flatten(other));
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 60)]
    public bool AnySeedGivesTheSameFrontOnOneOrThreeThreadsAndTheNextSeedDiffers(OptimizerRun input)
    {
        var name = input.Name;
        // ZDT3: a front that does not collapse early (ZDT2 can collapse onto (0, 1) in short runs, for any seed).
        var problem = new ParallelProblem(new Zdt3(12));
        var stopping = StoppingCriteria.Evaluations(1_200);
        return Holds(input.Seed);

        bool Holds(int seed)
        {
            var one = Fronts.Flatten(Create(name).Optimize(problem, stopping, seed, ExecutionPolicy.Sequential));
            var three = Fronts.Flatten(Create(name).Optimize(problem, stopping, seed, ExecutionPolicy.WithThreads(3)));
            var next = Fronts.Flatten(Create(name).Optimize(problem, stopping, seed + 1L, ExecutionPolicy.WithThreads(3)));
            return one.SequenceEqual(three) && !one.SequenceEqual(next);
        }
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 60)]
    public bool ResumingAfterAnyIterationEndsIdenticalToAnUninterruptedRun(OptimizerRun input)
    {
        var name = input.Name;
        var problem = new Srinivas();
        var stopping = StoppingCriteria.Evaluations(1_000);
        return Holds((input.Seed, input.Stop));

        bool Holds((int seed, int stop) t)
        {
            var uninterrupted = Create(name).Optimize(problem, stopping, t.seed);
            string json;
            using (var run = ((IResumableOptimizer)Create(name)).Start(problem, stopping, t.seed))
            {
                for (var i = 0; i < t.stop && run.Step(); i++)
                {
                }

                json = run.CreateCheckpoint().ToJson();
            }

            using var resumed = ((IResumableOptimizer)Create(name)).Resume(problem, OptimizationCheckpoint.FromJson(json));
            var result = ResumableOptimizer.RunToEnd(resumed);
            return Fronts.Flatten(uninterrupted).SequenceEqual(Fronts.Flatten(result))
                   && uninterrupted.ParetoFront.SelectMany(s => s.X).SequenceEqual(result.ParetoFront.SelectMany(s => s.X));
        }
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void ResumedRunEndsIdenticalToAnUninterruptedOne(string name)
    {
        var problem = new Srinivas();
        var stopping = StoppingCriteria.Evaluations(2_500);
        var uninterrupted = Create(name).Optimize(problem, stopping, 5);

        var optimizer = (IResumableOptimizer)Create(name);
        string json;
        using (var run = optimizer.Start(problem, stopping, 5))
        {
            for (var i = 0; i < 11; i++)
            {
                Assert.True(run.Step());
            }

            json = run.CreateCheckpoint().ToJson();
        }

        using var resumed = ((IResumableOptimizer)Create(name)).Resume(problem, OptimizationCheckpoint.FromJson(json));
        var result = ResumableOptimizer.RunToEnd(resumed);
        Assert.Equal(uninterrupted.Evaluations, result.Evaluations);
        Assert.Equal(uninterrupted.Iterations, result.Iterations);
        Assert.Equal(Fronts.Flatten(uninterrupted), Fronts.Flatten(result));
        Assert.Equal(uninterrupted.ParetoFront.SelectMany(s => s.X), result.ParetoFront.SelectMany(s => s.X));
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 100)]
    public bool PositionsAlwaysStayWithinBounds(MopsoBoundsCase input)
    {
        return Holds((input.Seed, input.Mode, input.Paper, input.Problem));

        bool Holds((int seed, BoundHandling mode, bool paper, string problem) t)
        {
            IProblem problem = t.problem == "srn" ? new Srinivas() : MultiObjectiveProblems.Create(t.problem);
            var options = (t.paper ? MopsoOptions.Paper : new MopsoOptions()) with
            {
                BoundHandling = t.mode, SwarmSize = 20,
            };
            using var run = (MopsoRun)new Mopso(options).Start(problem, StoppingCriteria.Iterations(15), t.seed);
            var n = problem.Dimension;
            while (run.Step())
            {
                for (var i = 0; i < 20; i++)
                {
                    if (!problem.Bounds.Contains(run.Positions.Slice(i * n, n)) ||
                        !problem.Bounds.Contains(run.PersonalBests.Slice(i * n, n)))
                    {
                        return false;
                    }
                }
            }

            return run.GetResult().ParetoFront.All(s => problem.Bounds.Contains(s.X.ToArray()));
        }
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 100)]
    public bool Nsga2PositionsStayWithinBounds(RunSeed runSeed)
    {
        return Holds(runSeed.Value);

        bool Holds(int seed)
        {
            var problem = new Zdt4();
            using var run = (Nsga2Run)new Nsga2(new Nsga2Options { PopulationSize = 20 })
                .Start(problem, StoppingCriteria.Iterations(10), seed);
            while (run.Step())
            {
                for (var i = 0; i < 20; i++)
                {
                    if (!problem.Bounds.Contains(run.Positions.Slice(i * 10, 10)))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void ConstrainedFrontsAreFeasible(string name)
    {
        var problem = new Srinivas();
        var result = Create(name).Optimize(problem, StoppingCriteria.Evaluations(6_000), 3);
        Assert.True(result.ParetoFront.Count >= 20);
        Assert.All(result.ParetoFront, s =>
        {
            Assert.True(s.IsFeasible);
            Assert.Equal(2, s.Constraints.Count);
            Assert.True(s.Constraints[0] <= 0 && s.Constraints[1] <= 0);
        });

        // The front spans the feasible region's trade-off: f1 from near its feasible minimum to beyond 150.
        Assert.True(result.ParetoFront.Min(s => s.Objectives[0]) < 20);
        Assert.True(result.ParetoFront.Max(s => s.Objectives[0]) > 150);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void NaNObjectivesStopTheRunWithAClearMessage(string name)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Create(name).Optimize(new NaNProblem(), StoppingCriteria.Evaluations(2_000), 1));
        Assert.Contains("'nan' returned NaN for objective 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistryFindsTheMultiObjectiveOptimizers()
    {
        using var provider = new ServiceCollection().AddEvGridMetaheuristics().BuildServiceProvider();
        var registry = provider.GetRequiredService<IOptimizerRegistry>();
        foreach (var name in new[] { "mopso", "mopso-paper", "nsga2" })
        {
            Assert.True(registry.TryGet(name, out var factory));
            Assert.Equal(ObjectiveSupport.Multi, factory.Objectives);
            Assert.Equal(name, factory.Create().Name);
        }
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void IterationsDoNotAllocateBeyondTheConvergenceHistory(string name)
    {
        // The swarm/population update, evaluation, archive and sorting work in preallocated buffers; what remains is
        // the run's convergence history (one 40-byte point per iteration, amortised list growth).
        using var run = ((IResumableOptimizer)Create(name)).Start(new Zdt1(), StoppingCriteria.Iterations(400), 9);
        for (var i = 0; i < 60; i++)
        {
            run.Step();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            run.Step();
        }

        var perIteration = (GC.GetAllocatedBytesForCurrentThread() - before) / 200.0;
        Assert.True(perIteration < 400, $"{name} allocated {perIteration} B per iteration");
    }

    [Fact]
    public void PopulationSizeCanBeChangedThroughTheCommonInterface()
    {
        var mopso = (IPopulationBasedOptimizer)new Mopso(MopsoOptions.Paper, "mopso-paper");
        var resized = (Mopso)mopso.WithPopulationSize(30);
        Assert.Equal(30, resized.PopulationSize);
        Assert.Equal("mopso-paper", resized.Name);
        Assert.Equal(MopsoArchive.AdaptiveGrid, resized.Options.Archive);
        Assert.Equal(52, ((IPopulationBasedOptimizer)new Nsga2().WithPopulationSize(51)).PopulationSize);
    }

    [Fact]
    public void BadOptionsNameTheField()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Mopso(new MopsoOptions { SwarmSize = 1 }));
        Assert.Contains("SwarmSize", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => new Nsga2(new Nsga2Options { PopulationSize = 7 }));
        Assert.Contains("PopulationSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SignedConstrictionIsNegativeAboveFourAndClercsIsItsMagnitude()
    {
        Assert.Equal(1.0, MopsoRun.Constriction(3.5, true));
        var signed = MopsoRun.Constriction(4.1, true);
        var clerc = MopsoRun.Constriction(4.1, false);
        Assert.Equal(0.7298, clerc, 4); // Clerc & Kennedy's classic χ for φ = 4.1
        Assert.Equal(-clerc, signed, 15);
    }
}
