using System.Diagnostics;
using EvGrid.Optimization.Fleet;
using EvGrid.Optimization.Planning.Scheduling;
using Xunit;
using Xunit.Abstractions;

namespace EvGrid.Optimization.Planning.Tests.Scheduling;

public class ScratchTiming(ITestOutputHelper output)
{
    [Fact]
    public void Timing()
    {
        var region = Seed000Regions.Residential;
        var timeline = RegionFleets.Sample(region, 1);
        var dis = UncontrolledCharging.Schedule(timeline).ToProfile(1).TotalKw.ToArray();
        var grid = new SchedulingGrid(region, dis);
        var decoder = new LevelTrackingDecoder(timeline, [.. region.BaseKw]);
        var problem = new V2gSchedulingProblem(decoder, grid, 9000);
        var ev = problem.CreateEvaluator();
        var ws = decoder.CreateWorkspace();
        var x = decoder.FlatTarget(4000);
        var f = new double[3]; var g = new double[2];
        for (var i = 0; i < 200; i++) { decoder.Decode(x, ws); ev.Evaluate(x, f, g); }
        var w = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++) decoder.Decode(x, ws);
        output.WriteLine($"decode {w.Elapsed.TotalMicroseconds / 1000:F1} us");
        w.Restart();
        for (var i = 0; i < 1000; i++) ev.EvaluateLoad(ws.EvKw, f, g);
        output.WriteLine($"evaluate load {w.Elapsed.TotalMicroseconds / 1000:F1} us, iterations {string.Join(",", ev.Result.Iterations.ToArray())}");
        var rng = new Random(3);
        for (var d = 1; d < x.Length; d++) x[d] = 2 * rng.NextDouble() - 1;
        decoder.Decode(x, ws);
        w.Restart();
        for (var i = 0; i < 1000; i++) ev.EvaluateLoad(ws.EvKw, f, g);
        output.WriteLine($"evaluate load (random x) {w.Elapsed.TotalMicroseconds / 1000:F1} us, iterations {string.Join(",", ev.Result.Iterations.ToArray())}");
    }
}
