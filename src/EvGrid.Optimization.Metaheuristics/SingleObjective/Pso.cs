using System.Runtime.CompilerServices;
using System.Text.Json;
using EvGrid.Optimization.Metaheuristics.Swarm;

namespace EvGrid.Optimization.Metaheuristics.SingleObjective;

/// <summary>
/// Particle swarm optimisation with a global-best topology and linearly decreasing inertia, seed 000 eqs. (25)–(27):
/// velocity and position updates with velocity clamping and bound handling, personal and global bests by
/// feasibility-first comparison (Deb's rules). Registry name <c>pso</c>.
/// </summary>
public sealed class Pso : ResumableOptimizer, IPopulationBasedOptimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="options">Options (null = the defaults).</param>
    public Pso(PsoOptions? options = null)
    {
        Options = options ?? new PsoOptions();
        Options.Validate();
    }

    /// <summary>Registry name.</summary>
    public const string RegistryName = "pso";

    /// <summary>The options.</summary>
    public PsoOptions Options { get; }

    /// <inheritdoc />
    public override string Name => RegistryName;

    /// <inheritdoc />
    public int PopulationSize => Options.SwarmSize;

    /// <inheritdoc />
    public IOptimizer WithPopulationSize(int size) => new Pso(Options with { SwarmSize = size });

    /// <inheritdoc />
    protected override OptimizationRun CreateRun(IProblem problem, StoppingCriteria stopping, long seed)
        => new PsoRun(Name, Options, problem, stopping, seed);
}

/// <summary>A PSO run on flat arrays; I-HSPSO derives from it and adds its harmony step.</summary>
internal class PsoRun : SingleObjectiveRun
{
    private readonly PsoOptions _options;
    private readonly SwarmKernel _kernel;
    private readonly double[] _vmax;
    private readonly int _swarm;
    private readonly int _n;
    private readonly int _k;
    private double[] _x;
    private double[] _v;
    private double[] _f;
    private double[] _g;
    private double[] _viol;
    private double[] _px;
    private double[] _pf;
    private double[] _pg;
    private double[] _pviol;
    private int _gbest;

    public PsoRun(string name, PsoOptions options, IProblem problem, StoppingCriteria stopping, long seed)
        : base(name, problem, stopping, seed)
    {
        _options = options;
        _kernel = new SwarmKernel(options.Components());
        _swarm = options.SwarmSize;
        _n = problem.Dimension;
        _k = problem.ConstraintCount;
        _vmax = BoundHandler.MaxVelocity(problem.Bounds, options.VelocityClampFraction);
        _x = new double[_swarm * _n];
        _v = new double[_swarm * _n];
        _f = new double[_swarm];
        _g = new double[_swarm * _k];
        _viol = new double[_swarm];
        _px = new double[_swarm * _n];
        _pf = new double[_swarm];
        _pg = new double[_swarm * _k];
        _pviol = new double[_swarm];
    }

    protected PsoOptions SwarmOptions => _options;

    protected int SwarmSize => _swarm;

    /// <summary>Personal-best positions (row-major, N × n): the harmony memory of I-HSPSO.</summary>
    protected double[] PersonalBestX => _px;

    protected double[] PersonalBestF => _pf;

    protected double[] PersonalBestG => _pg;

    protected double[] PersonalBestViolation => _pviol;

    /// <summary>Evaluations per iteration beyond the swarm's own (I-HSPSO's harmonies).</summary>
    protected virtual int ExtraEvaluationsPerIteration => 0;

    protected override void Initialize()
    {
        var bounds = Problem.Bounds;
        for (var i = 0; i < _swarm; i++)
        {
            ParticleSwarmKernel.Initialize(_x.AsSpan(i * _n, _n), bounds, _options.Initialization, _options.LogisticLambda,
                Random);
            for (var j = 0; j < _n; j++)
            {
                _v[(i * _n) + j] = _vmax[j] * ((2.0 * Random.NextDouble()) - 1.0);
            }
        }

        Evaluator.Evaluate(_x, _swarm, _f, _g, _viol);
        AddEvaluations(_swarm);
        Array.Copy(_x, _px, _x.Length);
        Array.Copy(_f, _pf, _f.Length);
        Array.Copy(_g, _pg, _g.Length);
        Array.Copy(_viol, _pviol, _viol.Length);
        UpdateGlobalBest();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Iterate()
    {
        var step = _kernel.StepAt(ScheduleClock(_swarm + ExtraEvaluationsPerIteration, _swarm));

        // Within an evaluation budget the last iteration moves and evaluates only the particles the budget pays for.
        var count = EvaluationAllowance(_swarm);
        _kernel.Move(_x, _v, _px, SwarmLeaders.Shared(_px.AsSpan(_gbest * _n, _n)), count, step, Problem.Bounds, _vmax,
            Random);
        Evaluator.Evaluate(_x, count, _f, _g, _viol);
        AddEvaluations(count);
        for (var i = 0; i < count; i++)
        {
            if (Dominance.IsBetter(_f[i], _viol[i], _pf[i], _pviol[i]))
            {
                Array.Copy(_x, i * _n, _px, i * _n, _n);
                Array.Copy(_g, i * _k, _pg, i * _k, _k);
                _pf[i] = _f[i];
                _pviol[i] = _viol[i];
            }
        }

        UpdateGlobalBest();
        AfterSwarmIteration(step.Clock.Fraction);
    }

    /// <summary>Hook run after the swarm has moved and its bests were updated.</summary>
    /// <param name="fraction">Schedule fraction t/T of this iteration.</param>
    protected virtual void AfterSwarmIteration(double fraction)
    {
    }

    /// <summary>Recomputes the global best among the personal bests and the best-so-far.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected void UpdateGlobalBest()
    {
        var best = 0;
        for (var i = 1; i < _swarm; i++)
        {
            if (Dominance.IsBetter(_pf[i], _pviol[i], _pf[best], _pviol[best]))
            {
                best = i;
            }
        }

        _gbest = best;
        ConsiderBest(_px.AsSpan(best * _n, _n), _pf[best], _pg.AsSpan(best * _k, _k), _pviol[best]);
    }

    protected override JsonElement SaveState() => ToElement(new SwarmState
    {
        X = _x, V = _v, F = _f, G = _g, Violation = _viol, PX = _px, PF = _pf, PG = _pg, PViolation = _pviol,
        GlobalBest = _gbest, Best = SaveBest(),
    });

    protected override void RestoreState(JsonElement state)
    {
        var s = FromElement<SwarmState>(state);
        if (s.X.Length != _x.Length || s.PX.Length != _px.Length)
        {
            throw new FormatException(
                $"Checkpoint swarm has {s.X.Length / Math.Max(1, _n)} particles; these options have {_swarm}.");
        }

        (_x, _v, _f, _g, _viol) = (s.X, s.V, s.F, s.G, s.Violation);
        (_px, _pf, _pg, _pviol, _gbest) = (s.PX, s.PF, s.PG, s.PViolation, s.GlobalBest);
        RestoreBest(s.Best);
    }

    private sealed class SwarmState
    {
        public double[] X { get; set; } = [];

        public double[] V { get; set; } = [];

        public double[] F { get; set; } = [];

        public double[] G { get; set; } = [];

        public double[] Violation { get; set; } = [];

        public double[] PX { get; set; } = [];

        public double[] PF { get; set; } = [];

        public double[] PG { get; set; } = [];

        public double[] PViolation { get; set; } = [];

        public int GlobalBest { get; set; }

        public BestSnapshot Best { get; set; } = new();
    }
}
