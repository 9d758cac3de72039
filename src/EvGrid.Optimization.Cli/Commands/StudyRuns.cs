using System.CommandLine;
using Spectre.Console;

namespace EvGrid.Optimization.Cli.Commands;

/// <summary>What the long-running commands share: the output directory, Ctrl+C and the progress bar.</summary>
internal static class StudyRuns
{
    /// <summary>Creates the <c>--out</c> directory before the run and proves it writable (so a bad path fails at once,
    /// not after minutes).</summary>
    /// <param name="dir">The directory, or null/empty for none.</param>
    /// <returns>The directory's full path, or null when none was given.</returns>
    public static string? PrepareOutputDirectory(string? dir) => dir is { Length: > 0 } ? CliChecks.OutputDirectory(dir) : null;

    /// <summary>
    /// Runs <paramref name="run"/> under one progress bar on a terminal (standard error, cleared when done), or with no
    /// progress sink when <paramref name="quiet"/> is set or standard error is redirected (scripts, CI).
    /// </summary>
    /// <typeparam name="T">The run's result.</typeparam>
    /// <param name="context">The command's writers.</param>
    /// <param name="quiet">The command's <c>--quiet</c>.</param>
    /// <param name="label">What the bar is labelled with.</param>
    /// <param name="run">The run, given the progress sink (fraction done in [0, 1]) or null.</param>
    /// <returns>The run's result.</returns>
    public static T WithProgress<T>(CliContext context, bool quiet, string label, Func<IProgress<double>?, T> run)
    {
        var interactive = !quiet && ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected;
        if (!interactive)
        {
            return run(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var result = default(T)!;
        console.Progress().AutoClear(true).Columns(
                new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(label, maxValue: 1.0);
                result = run(new Sink(f => task.Value = Math.Clamp(f, 0, 1)));
                task.Value = 1.0;
            });
        return result;
    }

    /// <summary>The one-line option every long command takes.</summary>
    /// <returns>The <c>--quiet</c> option.</returns>
    public static Option<bool> QuietOption() => new("--quiet") { Description = "No progress output (for scripts); Ctrl+C still stops the run and reports what finished (exit code 130)." };

    /// <summary>Reports on the reporting thread (Spectre's tasks take values from any thread).</summary>
    private sealed class Sink(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    /// <summary>Runs <paramref name="run"/> with a token that Ctrl+C cancels (the study then reports its best so far).</summary>
    /// <param name="run">The run.</param>
    /// <param name="interrupt">A second token that cancels as Ctrl+C does (the host's, see <see cref="CliContext.Interrupt"/>).</param>
    /// <returns>The run's exit code.</returns>
    public static int WithCtrlC(Func<CancellationToken, int> run, CancellationToken interrupt = default)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
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

    /// <summary>
    /// Runs <paramref name="run"/> with a token that Ctrl+C (or the context's <see cref="CliContext.Interrupt"/>)
    /// cancels. A run interrupted before it had anything to report (the library's
    /// <see cref="OperationCanceledException"/>) ends with <see cref="CliApp.Interrupted"/> and one line.
    /// </summary>
    /// <param name="context">The command's writers and host token.</param>
    /// <param name="run">The run; it returns <see cref="CliApp.Interrupted"/> itself when it reports what finished.</param>
    /// <returns>The run's exit code.</returns>
    public static int WithCtrlC(CliContext context, Func<CancellationToken, int> run)
    {
        var interrupted = false;
        var code = WithCtrlC(token =>
        {
            try
            {
                return run(token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                interrupted = true;
                return CliApp.Interrupted;
            }
        }, context.Interrupt);
        if (interrupted)
        {
            context.Error.WriteLine("interrupted before any run was complete; nothing to report.");
        }

        return code;
    }

    /// <summary>The line that says an interrupted comparison reports only the runs that finished.</summary>
    /// <param name="context">The command's writers.</param>
    /// <param name="finished">Runs that finished.</param>
    /// <param name="planned">Runs planned.</param>
    /// <returns><see cref="CliApp.Interrupted"/>.</returns>
    public static int ReportInterrupted(CliContext context, int finished, int planned)
    {
        context.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"interrupted: {finished} of {planned} runs finished; the results cover those runs only."));
        return CliApp.Interrupted;
    }

    /// <summary>Says that a study stopped by Ctrl+C reports only what it had: the sentence goes to standard error and,
    /// for the table format, above the printed tables (JSON carries each run's exit reason instead).</summary>
    /// <param name="context">The command's writers.</param>
    /// <param name="sentence">What the figures cover.</param>
    /// <param name="aboveTable">Whether to print it on standard output too.</param>
    /// <returns><see cref="CliApp.Interrupted"/>.</returns>
    public static int ReportInterrupted(CliContext context, string sentence, bool aboveTable)
    {
        if (aboveTable)
        {
            context.Output.WriteLine(sentence);
            context.Output.WriteLine();
        }

        context.Error.WriteLine(sentence);
        return CliApp.Interrupted;
    }
}
