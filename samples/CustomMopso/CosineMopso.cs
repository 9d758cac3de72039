// A new MOPSO variant composed from the swarm's parts: seed 002's cosine inertia (eq. 33) instead of eq. (27), and a
// leader picked by a three-way tournament on crowding distance. Load it as a plug-in:
//
//   dotnet build -c Release samples/CustomMopso
//   evgrid solvers pareto --plugin samples/CustomMopso/bin/Release/net10.0/CustomMopso.dll \
//       --optimizers mopso,mopso-cosine --problem zdt1,zdt2 --runs 10
using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.MultiObjective;
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Metaheuristics.Swarm;

namespace CustomMopso;

/// <summary>Registers <c>mopso-cosine</c>: the default MOPSO with cosine inertia and three-way leader tournaments.</summary>
public sealed class CosineMopsoFactory : IOptimizerFactory
{
    /// <inheritdoc />
    public string Name => "mopso-cosine";

    /// <inheritdoc />
    public string Description => "MOPSO with cosine inertia 0.9 -> 0.3 and three-way leader tournaments (sample)";

    /// <inheritdoc />
    public ObjectiveSupport Objectives => ObjectiveSupport.Multi;

    /// <inheritdoc />
    public IOptimizer Create() => new Mopso(
        new MopsoOptions { InertiaRule = new CosineInertia(0.9, 0.3), LeaderRule = new TournamentOfThree() }, Name);
}

/// <summary>The least crowded of three archive members drawn at random leads.</summary>
public sealed class TournamentOfThree : ILeaderSelection
{
    /// <inheritdoc />
    public int Select(ParetoArchive archive, RandomSource random)
    {
        var best = random.NextInt(archive.Count);
        for (var k = 0; k < 2; k++)
        {
            var other = random.NextInt(archive.Count);
            best = archive.Crowding(other) > archive.Crowding(best) ? other : best;
        }

        return best;
    }
}
