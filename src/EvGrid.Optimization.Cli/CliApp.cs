using System.CommandLine;

namespace EvGrid.Optimization.Cli;

/// <summary>
/// The <c>evgrid</c> command tree. Every command is a thin shell over a library API: it parses options, calls the
/// library and formats the answer. Exit codes: 0 ok, 1 bad input (one line on standard error, never a stack trace),
/// 2 the run did not converge or found nothing feasible, 130 interrupted by Ctrl+C (what finished is still written).
/// </summary>
public static class CliApp
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code for bad input, including a plug-in that fails (one line on standard error, no stack trace).</summary>
    public const int Failure = 1;

    /// <summary>Exit code for a run that ended but did not converge (power flow) or found nothing feasible; the
    /// output is still written and says so.</summary>
    public const int NotConverged = 2;

    /// <summary>Exit code for a run interrupted by Ctrl+C (128 + SIGINT, as shells report it): the output still holds
    /// what finished (the runs of a comparison, the best so far of an optimizer) and says that it was interrupted.</summary>
    public const int Interrupted = 130;

    /// <summary>The exit codes, as <c>--help</c> and the README state them.</summary>
    public const string ExitCodesText =
        "Exit codes: 0 ok, 1 bad input (one line on standard error), 2 did not converge or nothing feasible, 130 interrupted by Ctrl+C (what finished is still reported).";

    /// <summary>Runs the command line against the given writers (the console in <c>Main</c>, buffers in tests).</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, CancellationToken.None);

    /// <summary>Runs the command line with a token that interrupts long runs as Ctrl+C does (for tests and hosts).</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="interrupt">Interrupts the run like Ctrl+C.</param>
    /// <returns>The process exit code.</returns>
    internal static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var context = new CliContext(output, error) { Interrupt = interrupt };
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Unknown options, bad values and missing arguments: one line naming the problem, no help dump.
            var messages = string.Join("; ", parse.Errors.Select(e => InCliWords(OneLine(e.Message))).Distinct(StringComparer.Ordinal));
            error.WriteLine($"error: {messages} (see 'evgrid {CommandPath(parse)} --help')".Replace("evgrid  --help", "evgrid --help", StringComparison.Ordinal));
            return Failure;
        }

        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return parse.Invoke(config);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error.WriteLine($"error: {Describe(ex)}");
            return Failure;
        }
        catch (OutOfMemoryException)
        {
            error.WriteLine("error: out of memory; try smaller sizes (fewer EVs, runs, dimensions or a smaller population).");
            return Failure;
        }
    }

    /// <summary>The parser's "as expected type 'System.Int64'" in the CLI's words ("as a whole number").</summary>
    internal static string InCliWords(string message) => System.Text.RegularExpressions.Regex.Replace(message,
        @"as expected type '[^']*?System\.(Int32|Int64|Double|Boolean|\w+)\]?'", m => m.Groups[1].Value switch
        {
            "Int32" or "Int64" => "as a whole number",
            "Double" => "as a number",
            "Boolean" => "as true or false",
            _ => "as a valid value",
        });

    /// <summary>
    /// One line for any exception: the innermost cause of wrappers (parallel loops, reflection), the plug-in assembly
    /// when a plug-in threw, and the exception's type when it is not one of the input errors the commands raise.
    /// </summary>
    internal static string Describe(Exception ex)
    {
        // Parallel runs that fail together (every run of a faulty plug-in, say) arrive as one AggregateException with
        // several causes; the first one stands for them all, so the message is the same whatever the thread count.
        while (ex is AggregateException { InnerExceptions.Count: > 0 } or System.Reflection.TargetInvocationException
               && ex.InnerException is not null)
        {
            ex = ex is AggregateException a ? a.Flatten().InnerExceptions[0] : ex.InnerException!;
        }

        var message = OneLine(ex is ArgumentException { ParamName: { } name } argument
            ? argument.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
                .Split(Environment.NewLine, 2)[0]
            : ex.Message);
        if (Commands.SolversCommand.PluginThatThrew(ex) is { } plugin)
        {
            return $"the plug-in {plugin} failed: {message} ({ex.GetType().Name})";
        }

        return ex is ArgumentException or InvalidOperationException or FormatException or IOException
            or UnauthorizedAccessException or NotSupportedException or OperationCanceledException
            ? message
            : $"{message} ({ex.GetType().Name})";
    }

    /// <summary>Builds the root command with every sub-command.</summary>
    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand(
            "evgrid: EV charging/V2G scheduling, DG/EVCS planning and power flow for distribution networks. " + ExitCodesText);
        foreach (var command in CommandCatalog.Create(context))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null && result.Parent is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>What every command needs from its host: where to write.</summary>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
internal sealed record CliContext(TextWriter Output, TextWriter Error)
{
    /// <summary>Interrupts long runs as Ctrl+C does (<c>StudyRuns.WithCtrlC</c> listens to both).</summary>
    public CancellationToken Interrupt { get; init; }
}
