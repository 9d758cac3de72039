using BenchmarkDotNet.Attributes;
using EvGrid.Optimization.Planning.Siting;

namespace EvGrid.Optimization.Benchmarks.Planning;

/// <summary>
/// One upper-level evaluation of seed 002's bi-level planning problem on IEEE 33, as the upper-level optimizer pays
/// for an uncached plan: for every typical day the lower level (coordinate descent over the willing clusters'
/// tabulated timing options; none for plug-and-charge), one 24-slot power flow and the day's figures, then F1–F4.
/// Two plans alternate (the evaluator itself keeps no cache).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SitingEvaluationBenchmarks
{
    private PlanEvaluator _evaluator = null!;
    private SitingPlan _a = null!;
    private SitingPlan _b = null!;
    private bool _flip;

    /// <summary>Scheme whose lower level runs: 1 (V2G, multi-objective), 2 (plug-and-charge) or 3 (V2G, profit only).</summary>
    [Params(1, 2, 3)]
    public int Scheme { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        var model = SitingModel.Build(SitingCase.Ieee33);
        _evaluator = model.CreateEvaluator();
        _a = new SitingPlan([10, 8, 10], [7, 0, 0], [254, 288, 211, 309, 296]);
        _b = new SitingPlan([10, 6, 7], [0, 0, 7], [150, 387, 248, 290, 173]);
        _evaluator.Evaluate(_a, (SitingScheme)Scheme);
    }

    /// <summary>One plan over every typical day.</summary>
    /// <returns>F1 (kept alive).</returns>
    [Benchmark]
    public double UpperLevelEvaluation()
    {
        _flip = !_flip;
        return _evaluator.Evaluate(_flip ? _a : _b, (SitingScheme)Scheme).Objectives.F1;
    }
}
