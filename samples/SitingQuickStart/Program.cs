// DG / charging-station planning quick start: seed 002's bi-level model on your own variant of the IEEE 33 case.
//
// Here the PV subsidy is halved and a sixth station candidate is added at node 25. The study builds the typical days
// (k-means++ on a seeded synthetic year), samples 900 EVs into clusters, fixes the eq. (15) references from anchor
// plans, then lets I-HSPSO choose DG units and station sizes while each plan's EV clusters are scheduled per typical
// day (V2G) and power-flowed on the feeder.
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Objectives.Siting;
using EvGrid.Optimization.Planning.Siting;

var variant = SitingCase.Ieee33 with
{
    Name = "ieee33-variant",
    StationNodes = [4, 8, 14, 20, 25, 29],
    Economics = new PlanningEconomics { PvSubsidyCnyPerKwh = 0.18 },
};

var study = new SitingStudy(new OptimizerRegistry(BuiltInOptimizers.All()));
var report = study.Run(variant, [SitingScheme.V2gMultiObjective], new SitingStudyOptions { Swarm = 12, Iterations = 10, Seed = 3 });
var s = report.Schemes[0];
var plan = s.Outcome.Plan;
Console.WriteLine($"{variant.Name}: {report.Model.Scenarios.Count} typical days, {s.Evaluations} plans proposed, {s.DistinctPlans} solved, {s.Seconds:F1} s");
Console.WriteLine("  wind units: " + string.Join(", ", variant.WindNodes.Select((n, i) => $"node {n}: {plan.WindUnits[i]}")));
Console.WriteLine("  PV units:   " + string.Join(", ", variant.PvNodes.Select((n, i) => $"node {n}: {plan.PvUnits[i]}")));
Console.WriteLine("  stations:   " + string.Join(", ", variant.StationNodes.Select((n, i) => $"node {n}: {plan.StationKw[i]:F0} kW")));
var f = s.Outcome.Objectives;
Console.WriteLine($"  F1 {f.F1 / 1e4:F1} x 10^4 CNY/year, F2 {f.F2:F3}, F3 {f.F3:F0} kW, F4 {f.F4:F3}, index {s.Index:F3}");
Console.WriteLine($"  charging completion {100 * s.Outcome.ChargingCompletion:F1} %, unit charging cost {s.Outcome.UnitChargingCost:F3} CNY/kWh");
