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

    /// <summary>
    /// Prints a study's result (the tables, or the JSON) and returns its exit code. A study stopped by Ctrl+C says so:
    /// <paramref name="interruptedSentence"/> goes to standard error and, for the tables, above them (the JSON carries
    /// each run's exit reason), and the exit code is <see cref="CliApp.Interrupted"/> whatever the study found.
    /// </summary>
    /// <param name="context">The command's writers.</param>
    /// <param name="interrupted">Whether Ctrl+C stopped the study.</param>
    /// <param name="interruptedSentence">What the figures of an interrupted study cover.</param>
    /// <param name="tables">Print the tables (else the JSON).</param>
    /// <param name="table">The tables.</param>
    /// <param name="json">The JSON.</param>
    /// <param name="outcome">Writes the study's own verdict lines and returns its exit code (after the result).</param>
    /// <returns>The exit code.</returns>
    public static int PrintStudy(CliContext context, bool interrupted, string interruptedSentence, bool tables,
        Func<string> table, string json, Func<int> outcome)
    {
        if (interrupted)
        {
            context.Error.WriteLine(interruptedSentence);
            if (tables)
            {
                context.Output.WriteLine(interruptedSentence);
                context.Output.WriteLine();
            }
        }

        context.Output.Write(tables ? table() : json);
        var code = outcome();
        return interrupted ? CliApp.Interrupted : code;
    }
}
