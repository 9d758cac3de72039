using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.Problems.MultiObjective;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.Core;

public class ObjectiveDescriptorTests
{
    [Fact]
    public void Existing_problems_report_generic_minimised_objectives_by_default()
    {
        IProblem zdt = new Zdt1(5);
        Assert.Equal(
            new[] { new ObjectiveDescriptor("f1", "", ObjectiveSense.Minimize), new ObjectiveDescriptor("f2", "", ObjectiveSense.Minimize) },
            zdt.Objectives);
        Assert.Equal(12, ObjectiveDescriptor.Generic(12).Count);
        Assert.Equal("f12", ObjectiveDescriptor.Generic(12)[11].Name);
        Assert.Empty(ObjectiveDescriptor.Generic(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ObjectiveDescriptor.Generic(-1));
    }
}
