using EvGrid.Optimization.Metaheuristics.Tests.MultiObjective;
using FsCheck;
using FsCheck.Fluent;

namespace EvGrid.Optimization.Metaheuristics.Tests;

/// <summary>A row-major front of 1–8 points of <paramref name="M"/> ∈ {2, 3, 4, 5} objectives on a 0.01 grid in [0, 1].</summary>
public sealed record SmallFront(int M, double[] Values);

/// <summary>A row-major front of 1–40 points of three objectives.</summary>
public sealed record Front3D(double[] Values);

/// <summary>A row-major front of 1–30 points of two objectives.</summary>
public sealed record Front2D(double[] Values);

/// <summary>A row-major front of 1–50 points of two objectives.</summary>
public sealed record LargeFront2D(double[] Values);

/// <summary>A front of 1–25 points of <paramref name="M"/> ∈ {2, 3, 4} objectives, one more point and a shuffle seed.</summary>
public sealed record GrowingFront(int M, double[] Values, double[] Extra, int Seed);

/// <summary>An archive cap (1–12), <paramref name="M"/> ∈ {2, 3} objectives, a front of 1–60 points and a seed (0–1000).</summary>
public sealed record ArchiveInput(int Cap, int M, double[] Front, int Seed);

/// <summary>A multi-objective optimizer's name, a seed and after how many iterations (1–12) a run is checkpointed.</summary>
public sealed record OptimizerRun(string Name, int Seed, int Stop);

/// <summary>A MOPSO bound mode, whether the paper's settings are used, a problem name and a seed.</summary>
public sealed record MopsoBoundsCase(int Seed, BoundHandling Mode, bool Paper, string Problem);

/// <summary>A seed in [0, int.MaxValue − 1].</summary>
public sealed record RunSeed(int Value);

/// <summary>Swarm kernel sizes: dimension (1–19), swarm size (1–6) and a seed (0–100 000).</summary>
public sealed record KernelCase(int N, int Swarm, int Seed);

/// <summary>A single-objective optimizer's name, a box [lo, lo + width/4] per coordinate, a bound mode and a seed.</summary>
public sealed record BoxCase(string Name, int Lo, int Width, BoundHandling Mode, int Seed);

/// <summary>A rotation seed (0–1000) and a point z of five coordinates in [−3, 3].</summary>
public sealed record MovedPoint(int Seed, double[] Z);

/// <summary>An exclusive upper bound (1–1000) and a seed (0–10 000).</summary>
public sealed record BoundAndSeed(int Bound, int Seed);

/// <summary>A bound mode, a box [lo, lo + width/10], five raw coordinates (hundredths) and a seed.</summary>
public sealed record OutOfBoundsCase(BoundHandling Mode, int Lo, int Width, int[] Raw, int Seed);

/// <summary>
/// Two parents inside a box of 1–10 dimensions (lower ends in [−100, 100], widths 0.01–200), a distribution index η
/// and a seed for the variation operators.
/// </summary>
public sealed record VariationCase(double[] Parent1, double[] Parent2, double[] Lower, double[] Upper, double Eta, int Seed);

/// <summary>
/// Generators for the metaheuristics property tests, for <c>[Property]</c>: fronts (values on a 0.01 grid in [0, 1],
/// shared by the indicator, archive and sorting tests), run seeds, optimizer names and bound cases. Where a test ran
/// once per optimizer or per objective count, the name or count is drawn here and the case count is the sum.
/// </summary>
public static class MetaheuristicsArbitraries
{
    private static readonly BoundHandling[] Modes = [BoundHandling.Clamp, BoundHandling.Reflect, BoundHandling.RandomReinitialize];

    private static Gen<int> Seeds => Gen.Choose(0, int.MaxValue - 1);

    /// <summary>Fronts of 1–8 points of 2–5 objectives.</summary>
    public static Arbitrary<SmallFront> SmallFronts() => Arb.From(
        from m in Gen.Elements(2, 3, 4, 5)
        from front in FrontGen.Front(m, 8)
        select new SmallFront(m, front));

    /// <summary>Fronts of 1–40 points of three objectives.</summary>
    public static Arbitrary<Front3D> Fronts3D() => Arb.From(FrontGen.Front(3, 40).Select(f => new Front3D(f)));

    /// <summary>Fronts of 1–30 points of two objectives.</summary>
    public static Arbitrary<Front2D> Fronts2D() => Arb.From(FrontGen.Front(2, 30).Select(f => new Front2D(f)));

    /// <summary>Fronts of 1–50 points of two objectives.</summary>
    public static Arbitrary<LargeFront2D> LargeFronts2D() => Arb.From(FrontGen.Front(2, 50).Select(f => new LargeFront2D(f)));

    /// <summary>Fronts of 1–25 points of 2–4 objectives, one more point and a shuffle seed.</summary>
    public static Arbitrary<GrowingFront> GrowingFronts() => Arb.From(
        from m in Gen.Elements(2, 3, 4)
        from front in FrontGen.Front(m, 25)
        from extra in Gen.ArrayOf(Gen.Choose(0, 100).Select(v => v / 100.0), m)
        from seed in Seeds
        select new GrowingFront(m, front, extra, seed));

    /// <summary>Archive caps 1–12, 2–3 objectives, fronts of 1–60 points, seeds 0–1000.</summary>
    public static Arbitrary<ArchiveInput> ArchiveInputs() => Arb.From(
        from cap in Gen.Choose(1, 12)
        from m in Gen.Choose(2, 3)
        from front in FrontGen.Front(m, 60)
        from seed in Gen.Choose(0, 1000)
        select new ArchiveInput(cap, m, front, seed));

    /// <summary>One of mopso, smpso, mopso-paper, nsga2; any seed; a checkpoint after 1–12 iterations.</summary>
    public static Arbitrary<OptimizerRun> MultiObjectiveRuns() => Arb.From(
        from name in Gen.Elements("mopso", "smpso", "mopso-paper", "nsga2")
        from seed in Seeds
        from stop in Gen.Choose(1, 12)
        select new OptimizerRun(name, seed, stop));

    /// <summary>Any seed, bound mode, MOPSO variant and one of zdt4, dtlz1, srn.</summary>
    public static Arbitrary<MopsoBoundsCase> MopsoBoundsCases() => Arb.From(
        from seed in Seeds
        from mode in Gen.Elements(Modes)
        from paper in Gen.Elements(false, true)
        from problem in Gen.Elements("zdt4", "dtlz1", "srn")
        select new MopsoBoundsCase(seed, mode, paper, problem));

    /// <summary>Seeds in [0, int.MaxValue − 1].</summary>
    public static Arbitrary<RunSeed> RunSeeds() => Arb.From(Seeds.Select(s => new RunSeed(s)));

    /// <summary>Dimensions 1–19, swarms of 1–6, seeds 0–100 000.</summary>
    public static Arbitrary<KernelCase> KernelCases() => Arb.From(
        from n in Gen.Choose(1, 19)
        from swarm in Gen.Choose(1, 6)
        from seed in Gen.Choose(0, 100_000)
        select new KernelCase(n, swarm, seed));

    /// <summary>One of pso, hs, ihs, ihspso; lo in [−50, 50]; width 1–40 (quarters); any bound mode; seeds 0–10 000.</summary>
    public static Arbitrary<BoxCase> BoxCases() => Arb.From(
        from name in Gen.Elements("pso", "hs", "ihs", "ihspso")
        from lo in Gen.Choose(-50, 50)
        from width in Gen.Choose(1, 40)
        from mode in Gen.Elements(Modes)
        from seed in Gen.Choose(0, 10_000)
        select new BoxCase(name, lo, width, mode, seed));

    /// <summary>Rotation seeds 0–1000 and points in [−3, 3]⁵ on a 0.01 grid.</summary>
    public static Arbitrary<MovedPoint> MovedPoints() => Arb.From(
        from seed in Gen.Choose(0, 1000)
        from z in Gen.ArrayOf(Gen.Choose(-300, 300).Select(v => v / 100.0), 5)
        select new MovedPoint(seed, z));

    /// <summary>Bounds 1–1000 and seeds 0–10 000.</summary>
    public static Arbitrary<BoundAndSeed> BoundsAndSeeds() => Arb.From(
        from bound in Gen.Choose(1, 1000)
        from seed in Gen.Choose(0, 10_000)
        select new BoundAndSeed(bound, seed));

    /// <summary>Any bound mode, lo in [−1000, 1000], width 0–500 (tenths), raw coordinates in ±10⁶ hundredths, seeds 0–1000.</summary>
    public static Arbitrary<OutOfBoundsCase> OutOfBoundsCases() => Arb.From(
        from mode in Gen.Elements(Modes)
        from lo in Gen.Choose(-1000, 1000)
        from width in Gen.Choose(0, 500)
        from raw in Gen.ArrayOf(Gen.Choose(-1_000_000, 1_000_000), 5)
        from seed in Gen.Choose(0, 1000)
        select new OutOfBoundsCase(mode, lo, width, raw, seed));

    /// <summary>Run states: 0–2000 iterations, 0–200 000 evaluations, 0–100 stagnant iterations, 0–5 s.</summary>
    public static Arbitrary<RunStatus> RunStates() => Arb.From(
        from it in Gen.Choose(0, 2000)
        from ev in Gen.Choose(0, 200_000)
        from stag in Gen.Choose(0, 100)
        from ms in Gen.Choose(0, 5000)
        select new RunStatus(it, ev, TimeSpan.FromMilliseconds(ms), 1.0, stag));

    /// <summary>Parents anywhere in the box (ends included), η ∈ {0.5, 2, 5, 20, 100}, seeds 0–100 000.</summary>
    public static Arbitrary<VariationCase> VariationCases() => Arb.From(
        from n in Gen.Choose(1, 10)
        from lower in Gen.ArrayOf(Gen.Choose(-10_000, 10_000).Select(v => v / 100.0), n)
        from width in Gen.ArrayOf(Gen.Choose(1, 20_000).Select(v => v / 100.0), n)
        from f1 in Gen.ArrayOf(Gen.Choose(0, 1000).Select(v => v / 1000.0), n)
        from f2 in Gen.ArrayOf(Gen.Choose(0, 1000).Select(v => v / 1000.0), n)
        from eta in Gen.Elements(0.5, 2.0, 5.0, 20.0, 100.0)
        from seed in Gen.Choose(0, 100_000)
        let upper = lower.Zip(width, (l, w) => l + w).ToArray()
        select new VariationCase(
            lower.Select((l, j) => l + (f1[j] * width[j])).ToArray(),
            lower.Select((l, j) => l + (f2[j] * width[j])).ToArray(),
            lower, upper, eta, seed));
}
