using System.Text.Json;
using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.SingleObjective;

namespace CustomOptimizer;

/// <summary>Options of DE/rand/1/bin (Storn &amp; Price 1997): F = 0.5, CR = 0.9.</summary>
public sealed record DifferentialEvolutionOptions
{
    public int PopulationSize { get; init; } = 50;

    public double DifferentialWeight { get; init; } = 0.5;

    public double CrossoverRate { get; init; } = 0.9;
}

/// <summary>
/// A user-written optimizer: differential evolution DE/rand/1/bin with feasibility-first selection. Deriving from
/// <see cref="ResumableOptimizer"/> and <see cref="SingleObjectiveRun"/> gives it seeding, stopping criteria,
/// parallel population evaluation, history and JSON checkpoints for free.
/// </summary>
public sealed class DifferentialEvolution : ResumableOptimizer, IPopulationBasedOptimizer
{
    public DifferentialEvolution() : this(new DifferentialEvolutionOptions())
    {
    }

    public DifferentialEvolution(DifferentialEvolutionOptions options) => Options = options;

    public DifferentialEvolutionOptions Options { get; }

    public override string Name => "de";

    public int PopulationSize => Options.PopulationSize;

    public IOptimizer WithPopulationSize(int size) => new DifferentialEvolution(Options with { PopulationSize = size });

    protected override OptimizationRun CreateRun(IProblem problem, StoppingCriteria stopping, long seed)
        => new Run(Name, Options, problem, stopping, seed);

    private sealed class Run : SingleObjectiveRun
    {
        private readonly DifferentialEvolutionOptions _o;
        private readonly int _np;
        private readonly int _n;
        private readonly int _k;
        private readonly double[] _ux;
        private readonly double[] _uf;
        private readonly double[] _ug;
        private readonly double[] _uv;
        private double[] _x;
        private double[] _f;
        private double[] _g;
        private double[] _v;

        public Run(string name, DifferentialEvolutionOptions o, IProblem problem, StoppingCriteria stopping, long seed)
            : base(name, problem, stopping, seed)
        {
            _o = o;
            _np = o.PopulationSize;
            _n = problem.Dimension;
            _k = problem.ConstraintCount;
            (_x, _f, _g, _v) = (new double[_np * _n], new double[_np], new double[_np * _k], new double[_np]);
            (_ux, _uf, _ug, _uv) = (new double[_np * _n], new double[_np], new double[_np * _k], new double[_np]);
        }

        protected override void Initialize()
        {
            for (var i = 0; i < _x.Length; i++)
            {
                _x[i] = Random.NextDouble(Problem.Bounds.Lower[i % _n], Problem.Bounds.Upper[i % _n]);
            }

            Evaluator.Evaluate(_x, _np, _f, _g, _v);
            AddEvaluations(_np);
            for (var i = 0; i < _np; i++)
            {
                ConsiderBest(_x.AsSpan(i * _n, _n), _f[i], _g.AsSpan(i * _k, _k), _v[i]);
            }
        }

        protected override void Iterate()
        {
            // Trial vectors u = x_r1 + F (x_r2 - x_r3), binomial crossover with the target, clamped to the bounds.
            for (var i = 0; i < _np; i++)
            {
                int r1, r2, r3;
                do { r1 = Random.NextInt(_np); } while (r1 == i);
                do { r2 = Random.NextInt(_np); } while (r2 == i || r2 == r1);
                do { r3 = Random.NextInt(_np); } while (r3 == i || r3 == r1 || r3 == r2);
                var jRand = Random.NextInt(_n);
                for (var j = 0; j < _n; j++)
                {
                    var value = j == jRand || Random.NextDouble() < _o.CrossoverRate
                        ? _x[(r1 * _n) + j] + (_o.DifferentialWeight * (_x[(r2 * _n) + j] - _x[(r3 * _n) + j]))
                        : _x[(i * _n) + j];
                    _ux[(i * _n) + j] = Math.Clamp(value, Problem.Bounds.Lower[j], Problem.Bounds.Upper[j]);
                }
            }

            // An evaluation budget pays for the first trials only in the last iteration (runs end at exactly it).
            var count = EvaluationAllowance(_np);
            Evaluator.Evaluate(_ux, count, _uf, _ug, _uv);
            AddEvaluations(count);
            for (var i = 0; i < count; i++)
            {
                // Feasibility-first one-to-one selection (ties go to the trial vector, as in DE).
                if (!Dominance.IsBetter(_f[i], _v[i], _uf[i], _uv[i]))
                {
                    Array.Copy(_ux, i * _n, _x, i * _n, _n);
                    Array.Copy(_ug, i * _k, _g, i * _k, _k);
                    _f[i] = _uf[i];
                    _v[i] = _uv[i];
                    ConsiderBest(_x.AsSpan(i * _n, _n), _f[i], _g.AsSpan(i * _k, _k), _v[i]);
                }
            }
        }

        protected override JsonElement SaveState() => ToElement(new State { X = _x, F = _f, G = _g, V = _v, Best = SaveBest() });

        protected override void RestoreState(JsonElement state)
        {
            var s = FromElement<State>(state);
            (_x, _f, _g, _v) = (s.X, s.F, s.G, s.V);
            RestoreBest(s.Best);
        }

        private sealed class State
        {
            public double[] X { get; set; } = [];

            public double[] F { get; set; } = [];

            public double[] G { get; set; } = [];

            public double[] V { get; set; } = [];

            public BestSnapshot Best { get; set; } = new();
        }
    }
}
