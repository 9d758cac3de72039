using EvGrid.Optimization.Metaheuristics.MultiObjective;

namespace EvGrid.Optimization.Metaheuristics.Swarm;

/// <summary>
/// How a particle of a multi-objective swarm picks its leader (the global guide g of seed 000 eq. (25)) from the
/// external archive. MOPSO picks every moving particle's leader, in particle order, before any particle moves, and
/// calls this only when the archive holds at least two members. Immutable.
/// </summary>
public interface ILeaderSelection
{
    /// <summary>Picks a leader.</summary>
    /// <param name="archive">The archive (at least two members).</param>
    /// <param name="random">The run's generator.</param>
    /// <returns>The leader's member index in <paramref name="archive"/>.</returns>
    int Select(ParetoArchive archive, RandomSource random);
}

/// <summary>Binary tournament: two distinct members at random; the one with the larger crowding distance (less
/// crowded region) leads, the first drawn on a tie.</summary>
public sealed record BinaryTournamentLeader : ILeaderSelection
{
    /// <inheritdoc />
    public int Select(ParetoArchive archive, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(random);
        var a = random.NextInt(archive.Count);
        var b = random.NextInt(archive.Count - 1);
        if (b >= a)
        {
            b++;
        }

        return archive.Crowding(b) > archive.Crowding(a) ? b : a;
    }
}

/// <summary>One member uniformly at random.</summary>
public sealed record RandomLeader : ILeaderSelection
{
    /// <inheritdoc />
    public int Select(ParetoArchive archive, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(random);
        return random.NextInt(archive.Count);
    }
}

/// <summary>Coello Coello et al. (2004): roulette over the adaptive grid's occupied hypercubes with fitness
/// 10 / (members in the hypercube), then a uniform member of it (<see cref="AdaptiveGridArchive.SelectLeader"/>; the
/// archive must be an <see cref="AdaptiveGridArchive"/>).</summary>
public sealed record GridRouletteLeader : ILeaderSelection
{
    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The archive is not an adaptive grid.</exception>
    public int Select(ParetoArchive archive, RandomSource random) => archive is AdaptiveGridArchive grid
        ? grid.SelectLeader(random)
        : throw new InvalidOperationException(
            $"Grid-roulette leader selection needs an AdaptiveGridArchive; the archive is a {archive?.GetType().Name}.");
}

/// <summary>Creates the bounded external archive of a multi-objective swarm run (one archive per run).</summary>
public interface IArchiveFactory
{
    /// <summary>A new, empty archive.</summary>
    /// <param name="capacity">Maximum members.</param>
    /// <param name="dimension">Decision variables n.</param>
    /// <param name="objectiveCount">Objectives m.</param>
    /// <param name="constraintCount">Constraints k.</param>
    /// <returns>The archive.</returns>
    ParetoArchive Create(int capacity, int dimension, int objectiveCount, int constraintCount);
}

/// <summary><see cref="CrowdingArchive"/>: on overflow the member with the smallest crowding distance leaves.</summary>
public sealed record CrowdingArchiveFactory : IArchiveFactory
{
    /// <inheritdoc />
    public ParetoArchive Create(int capacity, int dimension, int objectiveCount, int constraintCount)
        => new CrowdingArchive(capacity, dimension, objectiveCount, constraintCount);
}

/// <summary><see cref="AdaptiveGridArchive"/> (Coello Coello et al. 2004): on overflow a member of the most crowded
/// hypercube leaves.</summary>
/// <param name="Divisions">Grid intervals per objective (30 in the 2004 paper).</param>
public sealed record AdaptiveGridArchiveFactory(int Divisions = 30) : IArchiveFactory
{
    /// <inheritdoc />
    public ParetoArchive Create(int capacity, int dimension, int objectiveCount, int constraintCount)
        => new AdaptiveGridArchive(capacity, dimension, objectiveCount, constraintCount, Divisions);
}
