using System.Text.Json;
using EvGrid.Optimization.Metaheuristics.Swarm;

namespace EvGrid.Optimization.Metaheuristics.MultiObjective;

/// <summary>
/// Multi-objective particle swarm optimisation as seed 000 §5.3 describes it (Coello Coello, Pulido &amp; Lechuga 2004):
/// particles fly by eq. (25)–(26) with the inertia schedule of eq. (27); each particle's personal best (eq. 23) is
/// kept by Pareto dominance; the leader (eq. 24's global best) is chosen per particle from a bounded external archive
/// of non-dominated solutions; a mutation keeps diversity. Every comparison uses Deb's feasibility rules
/// (feasible first). The particles move with the <see cref="SwarmKernel"/> shared with PSO and I-HSPSO; every part
/// (velocity rule, inertia schedule, leader selection, archive, mutation, bound handling) is chosen through
/// <see cref="MopsoOptions"/>, by its enums (presets) or by any implementation of the part's interface;
/// <see cref="MopsoOptions.Paper"/> is the paper's configuration.
/// </summary>
public sealed class Mopso : ResumableOptimizer, IPopulationBasedOptimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="options">Options (null: <c>new MopsoOptions()</c>).</param>
    /// <param name="name">Registry name (default <c>mopso</c>).</param>
    public Mopso(MopsoOptions? options = null, string name = "mopso")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Options = options ?? new MopsoOptions();
        Options.Validate();
        Name = name;
    }

    /// <summary>The options.</summary>
    public MopsoOptions Options { get; }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public int PopulationSize => Options.SwarmSize;

    /// <inheritdoc />
    public IOptimizer WithPopulationSize(int size) => new Mopso(Options with { SwarmSize = size }, Name);

    /// <inheritdoc />
    protected override OptimizationRun CreateRun(IProblem problem, StoppingCriteria stopping, long seed)
        => new MopsoRun(Name, Options, problem, stopping, seed);
}

/// <summary>The state of one MOPSO run (flat arrays, no allocation per iteration).</summary>
internal sealed class MopsoRun : OptimizationRun
{
    private readonly MopsoOptions _o;
    private readonly int _n;
    private readonly int _m;
    private readonly int _k;
    private readonly int _size;
    private readonly double[] _x;
    private readonly double[] _v;
    private readonly double[] _f;
    private readonly double[] _g;
    private readonly double[] _viol;
    private readonly double[] _px;
    private readonly double[] _pf;
    private readonly double[] _pg;
    private readonly double[] _pviol;
    private readonly double[] _vmax;
    private readonly int[] _leaders;
    private readonly SwarmKernel _kernel;
    private readonly ILeaderSelection _leaderRule;
    private readonly ParetoArchive _archive;
    private int _active;

    public MopsoRun(string name, MopsoOptions options, IProblem problem, StoppingCriteria stopping, long seed)
        : base(name, problem, stopping, seed)
    {
        _o = options;
        _n = problem.Dimension;
        _m = problem.ObjectiveCount;
        _k = problem.ConstraintCount;
        _size = options.SwarmSize;
        _x = new double[_size * _n];
        _v = new double[_size * _n];
        _f = new double[_size * _m];
        _g = new double[_size * _k];
        _viol = new double[_size];
        _px = new double[_size * _n];
        _pf = new double[_size * _m];
        _pg = new double[_size * _k];
        _pviol = new double[_size];
        _leaders = new int[_size];
        _vmax = double.IsPositiveInfinity(options.MaxVelocityFraction)
            ? Enumerable.Repeat(double.PositiveInfinity, _n).ToArray()
            : BoundHandler.MaxVelocity(problem.Bounds, options.MaxVelocityFraction);
        _kernel = new SwarmKernel(options.Components());
        _leaderRule = options.Leaders();
        var factory = options.ArchiveFactory();
        _archive = factory.Create(options.ArchiveCapacity, _n, _m, _k)
                   ?? throw new InvalidOperationException("MOPSO's archive factory returned null.");
        if (_archive.Capacity != options.ArchiveCapacity || _archive.Dimension != _n || _archive.ObjectiveCount != _m
            || _archive.ConstraintCount != _k)
        {
            throw new InvalidOperationException(
                $"MOPSO's archive factory {factory.GetType().Name} built an archive of capacity {_archive.Capacity} for {_archive.Dimension} variables, {_archive.ObjectiveCount} objectives and {_archive.ConstraintCount} constraints; the run asked for {options.ArchiveCapacity}, {_n}, {_m} and {_k}.");
        }

        if (_leaderRule is GridRouletteLeader && _archive is not AdaptiveGridArchive)
        {
            // A user factory's archive (the options refuse the built-in crowding one up front).
            throw new ArgumentException(
                $"Grid-roulette leader selection needs an adaptive-grid archive; the archive is a {_archive.GetType().Name}.",
                nameof(options));
        }
    }

    /// <summary>The archive (for tests and benchmarks).</summary>
    internal ParetoArchive Archive => _archive;

    /// <summary>Current particle positions, row-major (for tests).</summary>
    internal ReadOnlySpan<double> Positions => _x;

    /// <summary>Current personal-best positions, row-major (for tests).</summary>
    internal ReadOnlySpan<double> PersonalBests => _px;

    protected override double CurrentBestValue => BestIndex() is var i && i >= 0 ? _archive.Objectives(i)[0] : double.PositiveInfinity;

    protected override double CurrentBestViolation => BestIndex() is var i && i >= 0 ? _archive.Violation(i) : double.PositiveInfinity;

    protected override int ArchiveSize => _archive.Count;

    protected override void Initialize()
    {
        var lower = Problem.Bounds.Lower;
        var upper = Problem.Bounds.Upper;
        for (var i = 0; i < _size; i++)
        {
            for (var j = 0; j < _n; j++)
            {
                _x[(i * _n) + j] = Random.NextDouble(lower[j], upper[j]);
            }
        }

        Array.Clear(_v);
        Evaluator.Evaluate(_x, _size, _f, _g, _viol);
        AddEvaluations(_size);
        Array.Copy(_x, _px, _x.Length);
        Array.Copy(_f, _pf, _f.Length);
        Array.Copy(_g, _pg, _g.Length);
        Array.Copy(_viol, _pviol, _viol.Length);
        _active = _size;
        UpdateArchive();
    }

    protected override void Iterate()
    {
        // seed 000 eq. (27) and the decreasing mutation read t of t_max (the inertia schedule from the iteration count).
        var step = _kernel.StepAt(SwarmClock.At(Iteration, ScheduleLength()));

        // Within an evaluation budget the last iteration moves only the particles the budget still pays for.
        var count = Math.Max(1, EvaluationAllowance(_size));
        _active = count;

        // Leaders are drawn first, for the moving particles, from the archive as it stands after the last iteration.
        for (var i = 0; i < count; i++)
        {
            _leaders[i] = SelectLeader();
        }

        _kernel.Move(_x, _v, _px, SwarmLeaders.PerParticle(_archive.AllPositions, _n, _leaders), count, step,
            Problem.Bounds, _vmax, Random);
        Evaluator.Evaluate(_x, count, _f, _g, _viol);
        AddEvaluations(count);
        UpdateArchive();
        UpdatePersonalBests();
    }

    /// <summary>SMPSO's constriction coefficient (see <see cref="ConstrictedVelocity.Constriction"/>).</summary>
    internal static double Constriction(double phi, bool signed) => ConstrictedVelocity.Constriction(phi, signed);

    private int SelectLeader()
    {
        if (_archive.Count == 1)
        {
            return 0;
        }

        var leader = _leaderRule.Select(_archive, Random);
        return (uint)leader < (uint)_archive.Count
            ? leader
            : throw new InvalidOperationException(
                $"The leader selection {_leaderRule.GetType().Name} chose archive member {leader}; the archive holds {_archive.Count}.");
    }

    private void UpdateArchive()
    {
        for (var i = 0; i < _active; i++)
        {
            _archive.Add(_x.AsSpan(i * _n, _n), _f.AsSpan(i * _m, _m), _g.AsSpan(i * _k, _k), _viol[i], Random);
        }
    }

    private void UpdatePersonalBests()
    {
        for (var i = 0; i < _active; i++)
        {
            var c = Dominance.Compare(_f.AsSpan(i * _m, _m), _viol[i], _pf.AsSpan(i * _m, _m), _pviol[i]);
            bool replace;
            if (c < 0)
            {
                replace = true;
            }
            else if (c > 0)
            {
                replace = false;
            }
            else
            {
                replace = _o.PersonalBestUpdate == MopsoPersonalBestUpdate.UnlessDominated || Random.NextDouble() < 0.5;
            }

            if (replace)
            {
                _x.AsSpan(i * _n, _n).CopyTo(_px.AsSpan(i * _n, _n));
                _f.AsSpan(i * _m, _m).CopyTo(_pf.AsSpan(i * _m, _m));
                _g.AsSpan(i * _k, _k).CopyTo(_pg.AsSpan(i * _k, _k));
                _pviol[i] = _viol[i];
            }
        }
    }

    /// <summary>t_max for eq. (27): the iteration limit, else the iterations the evaluation budget allows, else the
    /// option's value.</summary>
    // Seed 000's t_max: the shared horizon rule, or ScheduleIterations for a run that stops on time only.
    private int ScheduleLength()
        => (int)Math.Min(int.MaxValue, Stopping.IterationHorizon(_size, _size) ?? _o.ScheduleIterations);

    private int BestIndex()
    {
        var best = -1;
        for (var i = 0; i < _archive.Count; i++)
        {
            if (best < 0 || Dominance.IsBetter(_archive.Objectives(i)[0], _archive.Violation(i),
                    _archive.Objectives(best)[0], _archive.Violation(best)))
            {
                best = i;
            }
        }

        return best;
    }

    protected override JsonElement SaveState()
    {
        var (ax, af, av) = _archive.Snapshot();
        return ToElement(new MopsoState(_x, _v, _px, _pf, _pg, _pviol, ax, af, _archive.AllConstraints.ToArray(), av));
    }

    protected override void RestoreState(JsonElement state)
    {
        var s = FromElement<MopsoState>(state);
        if (s.X.Length != _x.Length || s.V.Length != _v.Length || s.PX.Length != _px.Length || s.PF.Length != _pf.Length
            || s.PG.Length != _pg.Length || s.PViolation.Length != _pviol.Length)
        {
            throw new FormatException("MOPSO checkpoint state does not match the swarm size or the problem's sizes.");
        }

        s.X.CopyTo(_x, 0);
        s.V.CopyTo(_v, 0);
        s.PX.CopyTo(_px, 0);
        s.PF.CopyTo(_pf, 0);
        s.PG.CopyTo(_pg, 0);
        s.PViolation.CopyTo(_pviol, 0);
        _archive.Load(s.ArchiveX, s.ArchiveF, s.ArchiveG, s.ArchiveViolation);
    }

    protected override OptimizationResult BuildResult()
    {
        var front = new Solution[_archive.Count];
        for (var i = 0; i < front.Length; i++)
        {
            front[i] = new Solution(_archive.Position(i).ToArray(), _archive.Objectives(i).ToArray(),
                _archive.Constraints(i).ToArray(), _archive.Violation(i));
        }

        var best = BestIndex();
        return MultiObjectiveResult(front[best], front);
    }

    /// <summary>Checkpointed state of a MOPSO run.</summary>
    internal sealed record MopsoState(
        double[] X, double[] V, double[] PX, double[] PF, double[] PG, double[] PViolation,
        double[] ArchiveX, double[] ArchiveF, double[] ArchiveG, double[] ArchiveViolation);
}
