// A user's program built against the EvGrid.Optimization NuGet packages (restored from a feed, not from source):
// a power flow, a particle swarm found through dependency injection, and a short V2G scheduling study.
//
//   dotnet pack -c Release                      # at the repository root: writes artifacts/packages
//   dotnet run -c Release --project samples/PackageConsumer
//
// It exits with code 0 only when every step gives the answer it should, so a script can rely on it.
using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.DependencyInjection;
using EvGrid.Optimization.Metaheuristics.Problems;
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Network;
using EvGrid.Optimization.Network.DependencyInjection;
using EvGrid.Optimization.Planning.Scheduling;
using Microsoft.Extensions.DependencyInjection;

var failures = new List<string>();

// 1. EvGrid.Optimization.Network: IEEE 33 by the radial sweep (MATPOWER: 202.677 kW losses, Vmin 0.913090 pu).
var flow = new BackwardForwardSweepSolver().Solve(FeederCatalog.Ieee33());
Console.WriteLine($"power flow: converged={flow.Converged}, losses {flow.LossesKw:F3} kW, Vmin {flow.MinVoltagePu:F6} pu");
if (!flow.Converged || Math.Abs(flow.LossesKw - 202.677) > 0.01)
{
    failures.Add("the IEEE 33 power flow does not match MATPOWER");
}

// 2. EvGrid.Optimization.Metaheuristics through Microsoft's container: PSO on the 10-D sphere (optimum 0).
using var provider = new ServiceCollection().AddEvGridNetwork().AddEvGridMetaheuristics().BuildServiceProvider();
var pso = provider.GetRequiredService<IOptimizerRegistry>().Create("pso");
var run = pso.Optimize(new SphereFunction(10), StoppingCriteria.Iterations(200), seed: 1);
Console.WriteLine($"pso on sphere-10: best {run.BestValue:E3} after {run.Evaluations} evaluations ({run.ExitReason})");
if (!(run.BestValue < 1e-3))
{
    failures.Add("PSO did not approach the sphere's optimum");
}

// 3. EvGrid.Optimization.Planning: seed 000's residential study, scaled down to 100 EVs and 20 × 20 MOPSO.
var study = new SchedulingStudy(provider.GetRequiredService<IOptimizerRegistry>());
var report = study.Run(Seed000Regions.Residential,
    new SchedulingStudyOptions { Optimizer = "mopso", Swarm = 20, Iterations = 20, Seed = 1, EvCount = 100 });
Console.WriteLine($"schedule: peak-valley {report.Disordered.F2:F0} kW disordered, {report.Optimized.F2:F0} kW optimised, " +
                  $"{report.Exact.F2:F0} kW exact optimum ({report.Evaluations} evaluations)");
if (!(report.Exact.F1 <= report.Optimized.F1 + 1e-6 && report.Optimized.F1 <= report.Disordered.F1))
{
    failures.Add("the scheduling study's load variances are not ordered exact <= optimised <= disordered");
}

foreach (var failure in failures)
{
    Console.Error.WriteLine($"error: {failure}");
}

return failures.Count == 0 ? 0 : 1;
