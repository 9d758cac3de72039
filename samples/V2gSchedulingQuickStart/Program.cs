// V2G scheduling quick start: seed 000's study for your own region.
//
// A region is a base-load curve (kW per hour), an EV population and the feeder node(s) it reaches; here a smaller
// residential estate (600 EVs) with a sharper evening peak, on the residential node of the modified IEEE 34 feeder.
// The study samples the fleet, evaluates plug-and-charge, runs MOPSO on the scheduling problem (decision vector ->
// feasible V2G schedule -> 24-slot three-phase power flow -> f1, f2, f3 with voltage and capacity limits) and computes
// the exact minimum-variance schedule of the same fleet as the bound no scheduler can beat.
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Planning.Scheduling;

double[] shape = [0.40, 0.36, 0.34, 0.33, 0.34, 0.40, 0.52, 0.62, 0.60, 0.55, 0.52, 0.53,
                  0.56, 0.54, 0.52, 0.55, 0.64, 0.80, 0.94, 1.00, 0.98, 0.88, 0.70, 0.52];
var estate = Seed000Regions.Residential with
{
    Name = "estate",
    Description = "600-EV housing estate with a sharp evening peak, node 888",
    BaseKw = [.. shape.Select(s => s * 3200)],
    EvCount = 600,
};

var study = new SchedulingStudy(new OptimizerRegistry(BuiltInOptimizers.All()));
var options = new SchedulingStudyOptions { Optimizer = "mopso", Swarm = 60, Iterations = 150, Seed = 7 };
var report = study.Run(estate, options);

Console.WriteLine($"{report.Region.Description}: {report.Timeline.EvCount} EVs, {report.Evaluations} evaluations in {report.OptimizerSeconds:F1} s");
foreach (var o in new[] { report.Disordered, report.Optimized, report.Exact })
{
    Console.WriteLine(
        $"  {o.Mode,-10} peak-valley {o.F2,7:F0} kW   std {o.Indicators.LoadStdDevKw,6:F0} kW   " +
        $"transformers {o.Indicators.TransformerCount}   max voltage offset A/B/C " +
        string.Join(" / ", o.Indicators.MaxVoltageOffsetPercent.Select(v => $"{v:F2} %")));
}

Console.WriteLine($"  peak-valley difference cut by {100 * report.OptimizedPeakValleyReduction:F1} % (MOPSO) and {100 * report.ExactPeakValleyReduction:F1} % (exact optimum" +
    $", certificate {report.ExactSolve.RelativeGap:E1}).");
