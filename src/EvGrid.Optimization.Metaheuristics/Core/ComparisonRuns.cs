namespace EvGrid.Optimization.Metaheuristics;

/// <summary>
/// The independent runs of a comparison (<see cref="SingleObjective.SolverComparison"/>,
/// <see cref="MultiObjective.ParetoComparison"/>), executed in parallel under the library's cancellation convention
/// (see <see cref="IOptimizer"/>): a token cancelled before any run has finished throws
/// <see cref="OperationCanceledException"/>; cancelled later, no further run starts, the runs under way stop at their
/// next evaluation and are left out (their budget was cut short, so they would bias the statistics), and every run
/// that finished is kept.
/// </summary>
internal static class ComparisonRuns
{
    /// <summary>Refuses a name listed twice (ignoring case, as the registries do): it would run the same optimizer or
    /// problem twice under one key.</summary>
    /// <param name="names">The list.</param>
    /// <param name="name">The list's property name.</param>
    /// <exception cref="ArgumentException">A name appears twice.</exception>
    public static void RequireDistinct(IReadOnlyList<string> names, string name)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in names)
        {
            if (!seen.Add(item))
            {
                throw new ArgumentException($"{name}: '{item}' is given twice.", name);
            }
        }
    }

    /// <summary>Runs jobs 0 … <paramref name="count"/> − 1, started in index order by a fixed number of workers (so a
    /// cancelled comparison has run a prefix of the jobs, whatever the thread count).</summary>
    /// <param name="count">Number of runs.</param>
    /// <param name="maxDegreeOfParallelism">Runs at once (≥ 1, or −1 for one per core).</param>
    /// <param name="job">Runs job i with the token and returns true when it ran to its budget, false when it was
    /// cut short by the token (its result is then ignored).</param>
    /// <param name="progress">Receives the fraction of runs finished, or null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Which runs finished.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled before any run finished.</exception>
    public static bool[] Execute(
        int count, int maxDegreeOfParallelism, Func<int, CancellationToken, bool> job, IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var finished = new bool[count];
        var done = 0;
        var next = -1;
        var failed = false;
        var workers = Math.Min(count, maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism);

        // The token is not given to the loop: a cancelled loop throws and would lose the finished runs.
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            int i;
            while (!Volatile.Read(ref failed) && !cancellationToken.IsCancellationRequested
                   && (i = Interlocked.Increment(ref next)) < count)
            {
                bool complete;
                try
                {
                    complete = job(i, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Cancelled before the run's initial population was evaluated: nothing to keep.
                    complete = false;
                }
                catch
                {
                    Volatile.Write(ref failed, true); // the other workers start no further run
                    throw;
                }

                if (!complete)
                {
                    return;
                }

                finished[i] = true;
                var finishedSoFar = Interlocked.Increment(ref done); // not inside ?. : counted without a sink too
                progress?.Report((double)finishedSoFar / count);
            }
        });

        if (done == 0 && count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return finished;
    }
}
