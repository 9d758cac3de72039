namespace EvGrid.Optimization.Cli.Commands;

/// <summary>What the long-running study commands (<c>schedule</c>, <c>plan</c>) share: the output directory and Ctrl+C.</summary>
internal static class StudyRuns
{
    /// <summary>Creates the <c>--out</c> directory before the run and proves it writable (so a bad path fails at once,
    /// not after minutes).</summary>
    /// <param name="dir">The directory, or null/empty for none.</param>
    /// <returns>The directory's full path, or null when none was given.</returns>
    public static string? PrepareOutputDirectory(string? dir) => dir is { Length: > 0 } ? CliChecks.OutputDirectory(dir) : null;

    /// <summary>Runs <paramref name="run"/> with a token that Ctrl+C cancels (the study then reports its best so far).</summary>
    /// <param name="run">The run.</param>
    /// <returns>The run's exit code.</returns>
    public static int WithCtrlC(Func<CancellationToken, int> run)
    {
        using var cancel = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            cancel.Cancel();
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            return run(cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }
}
