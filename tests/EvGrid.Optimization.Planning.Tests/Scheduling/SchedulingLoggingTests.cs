using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Objectives;
using EvGrid.Optimization.Planning.DependencyInjection;
using EvGrid.Optimization.Planning.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace EvGrid.Optimization.Planning.Tests.Scheduling;

public class SchedulingLoggingTests
{
    private static readonly SchedulingStudyOptions Quick = new() { Iterations = 3, Swarm = 10, EvCount = 50 };

    [Fact]
    public void AddEvGridPlanningResolvesAStudyThatRunsAUserRegisteredOptimizerAndLogsThroughTheHostsLogger()
    {
        var log = new CapturingLogger();
        using var provider = new ServiceCollection()
            .AddEvGridPlanning()
            .AddSingleton<ILogger<SchedulingStudy>>(log)
            .BuildServiceProvider();
        var study = provider.GetRequiredService<SchedulingStudy>();
        Assert.Same(study, provider.GetRequiredService<SchedulingStudy>());
        Assert.True(provider.GetRequiredService<IOptimizerRegistry>().TryGet("nsga2", out _));

        var report = study.Run(Seed000Regions.Residential, Quick with { Optimizer = "nsga2", VoltageLimits = VoltageLimits.Around(1.0, 0.001) });

        Assert.False(report.FoundFeasible);
        Assert.Equal([1, 2, 3], log.Entries.Select(e => e.Id));
        Assert.Equal("residential: 50 EVs sampled", log.Entries[0].Message.Split(';')[0]);
        Assert.StartsWith($"residential: nsga2 used {report.Evaluations} evaluations in ", log.Entries[1].Message, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Warning, log.Entries[2].Level);
        Assert.StartsWith("residential: nsga2 found no schedule within the limits", log.Entries[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutLoggingTheStudyResolvesAndStaysSilent()
    {
        using var provider = new ServiceCollection().AddEvGridPlanning().AddEvGridPlanning().BuildServiceProvider();
        var report = provider.GetRequiredService<SchedulingStudy>().Run(Seed000Regions.Residential, Quick);
        Assert.True(report.FoundFeasible);
    }

    private sealed class CapturingLogger : ILogger<SchedulingStudy>
    {
        public List<(int Id, LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Entries.Add((eventId.Id, logLevel, formatter(state, exception)));
    }
}
