using EvGrid.Optimization.Cli;
using Xunit;
using static EvGrid.Optimization.Cli.Tests.CliRunner;

namespace EvGrid.Optimization.Cli.Tests;

/// <summary>
/// Bad input on every command ends with exit code 1 and exactly one line on standard error that speaks the command
/// line's words: the cases of the issue one by one, then a seeded fuzz that combines bad values of several options.
/// </summary>
public sealed class BadInputFuzzTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"evgrid-fuzz-{Guid.NewGuid():N}");
    private readonly string _empty, _garbage, _text, _notADirectory;

    public BadInputFuzzTests()
    {
        Directory.CreateDirectory(_dir);
        _empty = Path.Combine(_dir, "empty.dll");
        File.WriteAllBytes(_empty, []);
        _garbage = Path.Combine(_dir, "garbage.dll");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = (byte)'M'; // starts like a PE file, then nonsense
        bytes[1] = (byte)'Z';
        File.WriteAllBytes(_garbage, bytes);
        _text = Path.Combine(_dir, "fake.dll");
        File.WriteAllText(_text, "not an assembly\n");
        _notADirectory = Path.Combine(_dir, "a-file");
        File.WriteAllText(_notADirectory, "x");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>API words that must never reach a user: they are the library's, not the command line's.</summary>
    private static readonly string[] LeakedApiWords =
        ["PopulationSize", "MaxDegreeOfParallelism", "TolerancePu", "(Parameter", "Actual value was", "Exception:", "   at ", "System."];

    private static void AssertOneLineError(string[] args, int code, string error)
    {
        var shown = string.Join(' ', args);
        Assert.True(code == CliApp.Failure, $"evgrid {shown}: exit code {code}, stderr: {error}");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"evgrid {shown}: {lines.Length} lines on stderr: {error}");
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        foreach (var word in LeakedApiWords)
        {
            Assert.False(lines[0].Contains(word, StringComparison.Ordinal), $"evgrid {shown}: '{word}' in: {lines[0]}");
        }
    }

    public static TheoryData<string, string> IssueCases => new()
    {
        { "solvers compare --swarm 0 --runs 1", "--swarm must be in [2, " },
        { "solvers compare --threads 0 --runs 1", "--threads must be -1 (all cores) or in [1, 1024]" },
        { "solvers compare --dim 2000000000 --runs 1 --iterations 1", "--dim can be at most" },
        { "fleet --evs 2000000000", "--evs can be at most" },
        { "fleet --evs 0", "--evs must be in [1, " },
        { "powerflow ieee33 --tolerance 0", "--tolerance (pu) must be a number in (0, 1]" },
        { "powerflow ieee34 --max-iterations 0", "--max-iterations must be in [1, 1000000]" },
        { "plan --seed abc", "Cannot parse argument 'abc' for option '--seed' as a whole number" },
        { "powerflow ieee33 --tolerance x", "for option '--tolerance' as a number" },
        { "capacity --region nowhere", "valid: residential, commercial, station, all" },
        { "fleet --mix seed003", "valid: seed002, private, seed000" },
        { "scenarios --max-clusters 1", "--max-clusters must be in [2, " },
        { "solvers pareto --evaluations 0", "--evaluations must be in [1, " },
    };

    [Theory]
    [MemberData(nameof(IssueCases))]
    public void Each_bad_input_of_the_issue_is_one_line_with_the_valid_range(string command, string expected)
    {
        var args = command.Split(' ');
        var (code, output, error) = Run(args);
        AssertOneLineError(args, code, error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Theory]
    [InlineData("powerflow IEEE33 --format JSON --solver NEWTON")]
    [InlineData("fleet --mix SEED002 --evs 20 --format CSV")]
    [InlineData("capacity --region Residential --format JSON")]
    [InlineData("solvers compare --functions Sphere --optimizers PSO --dim 2 --iterations 3 --runs 1 --format CSV")]
    public void Names_are_case_insensitive(string command)
    {
        var (code, output, error) = Run(command.Split(' '));
        Assert.True(code == CliApp.Success, error);
        Assert.NotEqual(string.Empty, output);
    }

    [Fact]
    public void Plan_names_parse_in_any_letter_case_to_their_canonical_form()
    {
        // Parsing only: the planning run itself takes minutes.
        var root = CliApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null));
        var parse = root.Parse(["plan", "--network", "IEEE33", "--scheme", "ALL", "--format", "Json"]);
        Assert.Empty(parse.Errors);
        var plan = root.Subcommands.Single(c => c.Name == "plan");
        string? Value(string option) => parse.GetValue(plan.Options.OfType<System.CommandLine.Option<string>>().Single(o => o.Name == option));
        Assert.Equal("ieee33", Value("--network"));
        Assert.Equal("all", Value("--scheme"));
        Assert.Equal("json", Value("--format"));
        Assert.Single(root.Parse(["plan", "--network", "IEEE99"]).Errors);
    }

    [Fact]
    public void A_plugin_that_is_not_an_assembly_is_refused_with_its_path()
    {
        foreach (var path in new[] { _empty, _garbage, _text })
        {
            string[] args = ["solvers", "list", "--plugin", path];
            var (code, _, error) = Run(args);
            AssertOneLineError(args, code, error);
            Assert.Contains(path, error, StringComparison.Ordinal);
            Assert.Contains("not a loadable .NET assembly", error, StringComparison.Ordinal);
        }

        // A real assembly that exports no optimizer.
        var xunit = typeof(FactAttribute).Assembly.Location;
        string[] none = ["solvers", "list", "--plugin", xunit];
        var result = Run(none);
        AssertOneLineError(none, result.Code, result.Err);
        Assert.Contains("exports no IOptimizer", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_whose_optimize_throws_ends_with_one_line_naming_the_plugin()
    {
        var plugin = typeof(FaultyOptimizer).Assembly.Location;
        string[] args = ["solvers", "compare", "--plugin", plugin, "--optimizers", "faulty", "--functions", "sphere", "--dim", "2",
            "--iterations", "2", "--runs", "3"];
        var (code, _, error) = Run(args);
        AssertOneLineError(args, code, error);
        Assert.Contains($"the plug-in '{plugin}' failed: the faulty plug-in gave up", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Failures_of_several_parallel_runs_read_as_the_first_cause_alone()
    {
        // Which runs fail together depends on the thread count (CI has two cores): the message must not.
        var together = new AggregateException(
            new InvalidOperationException("run 1 gave up"),
            new AggregateException(new InvalidOperationException("run 2 gave up")));
        Assert.Equal("run 1 gave up", CliApp.Describe(together));
        Assert.Equal("run 1 gave up", CliApp.Describe(new AggregateException(new InvalidOperationException("run 1 gave up"))));
    }

    [Fact]
    public void A_plugin_whose_constructor_throws_ends_with_one_line_naming_the_plugin()
    {
        var plugin = typeof(ConstructorFaultOptimizer).Assembly.Location;
        PluginFaults.FailConstruction.Value = true;
        try
        {
            string[] args = ["solvers", "list", "--plugin", plugin];
            var (code, _, error) = Run(args);
            AssertOneLineError(args, code, error);
            Assert.Contains("the plug-in's constructor failed", error, StringComparison.Ordinal);
            Assert.Contains(plugin, error, StringComparison.Ordinal);
        }
        finally
        {
            PluginFaults.FailConstruction.Value = false;
        }
    }

    [Fact]
    public void Out_is_checked_before_the_run()
    {
        var blocked = Path.Combine(_notADirectory, "sub");
        foreach (var args in new[]
                 {
                     new[] { "fleet", "--evs", "5", "--out", blocked },
                     ["solvers", "pareto", "--runs", "1", "--evaluations", "200", "--out", blocked],
                     ["schedule", "--quiet", "--out", blocked],
                 })
        {
            var (code, output, error) = Run(args);
            AssertOneLineError(args, code, error);
            Assert.Contains("--out: cannot write to the directory", error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, output); // nothing was computed and printed first
        }
    }

    [Fact]
    public void Silently_changed_values_are_said()
    {
        var (code, _, error) = Run("solvers", "pareto", "--optimizers", "mopso", "--runs", "1", "--evaluations", "1");
        Assert.Equal(CliApp.Success, code);
        Assert.StartsWith("note: --evaluations 1 is less than one generation; the runs used ", error, StringComparison.Ordinal);
    }

    /// <summary>Options with values each of which is invalid for that option (out of range, unparsable, unknown).</summary>
    private Dictionary<string, Dictionary<string, string[]>> BadValues()
    {
        var blockedOut = Path.Combine(_notADirectory, "sub");
        string[] plugins = [_empty, _garbage, _text, Path.Combine(_dir, "missing.dll")];
        string[] threads = ["0", "-2", "5000", "many"];
        return new()
        {
            ["fleet"] = new()
            {
                ["--evs"] = ["0", "-5", "2000000000", "ten", "1.5", "99999999999"],
                ["--mix"] = ["seed003", "", "trucks"],
                ["--slot-minutes"] = ["0", "7", "-60", "2880"],
                ["--buses"] = ["0", "-1", "2000000"],
                ["--format"] = ["xml", ""],
                ["--seed"] = ["x", "1e3"],
                ["--out"] = [blockedOut],
            },
            ["powerflow ieee33"] = new()
            {
                ["--solver"] = ["gauss", ""],
                ["--tolerance"] = ["0", "-1", "NaN", "Infinity", "abc", "2"],
                ["--max-iterations"] = ["0", "-3", "2000000", "x"],
                ["--format"] = ["xml"],
                ["--injections"] = [Path.Combine(_dir, "missing.csv"), _garbage],
            },
            ["powerflow ieee34"] = new()
            {
                ["--solver"] = ["newton", "gauss"],
                ["--tolerance"] = ["0", "-1e-3", "NaN"],
                ["--max-iterations"] = ["0", "-1"],
                ["--format"] = ["yaml"],
            },
            ["capacity"] = new()
            {
                ["--region"] = ["industrial", ""],
                ["--format"] = ["xml"],
            },
            ["scenarios"] = new()
            {
                ["--year"] = [Path.Combine(_dir, "missing.csv"), _garbage],
                ["--clusters"] = ["0", "-1", "400", "two"],
                ["--max-clusters"] = ["0", "1", "-5"],
                ["--format"] = ["yaml"],
            },
            ["solvers compare"] = new()
            {
                ["--functions"] = ["nosuch", ",", ""],
                ["--dim"] = ["0", "-1", "2000000000"],
                ["--swarm"] = ["0", "1", "-1", "2000000"],
                ["--iterations"] = ["0", "-1", "200000000"],
                ["--runs"] = ["0", "-1", "2000000"],
                ["--optimizers"] = ["nosuch", "mopso", ""],
                ["--threads"] = threads,
                ["--format"] = ["xml"],
                ["--plugin"] = plugins,
                ["--evaluations"] = ["0", "-5", "x"],
                ["--alpha"] = ["0", "1.5", "x"],
                ["--out"] = [blockedOut],
            },
            ["solvers pareto"] = new()
            {
                ["--problem"] = ["zdt9", ""],
                ["--optimizers"] = ["pso", "nosuch"],
                ["--evaluations"] = ["0", "-1", "2000000000"],
                ["--runs"] = ["0", "-1", "200000"],
                ["--threads"] = threads,
                ["--format"] = ["csv"],
                ["--out"] = [blockedOut],
                ["--plugin"] = plugins,
            },
            ["schedule"] = new()
            {
                ["--region"] = ["downtown"],
                ["--optimizer"] = ["pso", "nosuch"],
                ["--swarm"] = ["0", "1", "200000"],
                ["--iterations"] = ["0", "2000000"],
                ["--evs"] = ["0", "200000"],
                ["--format"] = ["csv"],
                ["--out"] = [blockedOut],
                ["--plugin"] = plugins,
            },
            ["plan"] = new()
            {
                ["--network"] = ["ieee99", ""],
                ["--scheme"] = ["4", "0", "x"],
                ["--optimizer"] = ["nosuch", "mopso"],
                ["--format"] = ["csv"],
                ["--seed"] = ["x"],
                ["--out"] = [blockedOut],
            },
            ["solvers list"] = new() { ["--plugin"] = plugins },
        };
    }

    [Fact]
    public void Seeded_fuzz_of_bad_values_on_every_command_always_gives_exit_1_and_one_line()
    {
        // Every generated command line has one to three options, each with a value that is invalid for it, so every
        // one must be refused before any computation; 40 lines per command, 400 in all, a few seconds.
        var random = new Random(20261127);
        var commands = BadValues();
        foreach (var (command, options) in commands)
        {
            var names = options.Keys.ToArray();
            for (var trial = 0; trial < 40; trial++)
            {
                var args = new List<string>(command.Split(' '));
                var count = Math.Min(names.Length, 1 + random.Next(3));
                foreach (var name in names.OrderBy(_ => random.Next()).Take(count))
                {
                    var values = options[name];
                    args.Add(name);
                    args.Add(values[random.Next(values.Length)]);
                }

                if (command is "schedule" or "plan")
                {
                    args.Add("--quiet");
                }

                var (code, _, error) = Run([.. args]);
                AssertOneLineError([.. args], code, error);
            }
        }
    }
}
