using System.Text.Json;

namespace EvGrid.Optimization.Metaheuristics.MultiObjective;

/// <summary>Options of <see cref="Nsga2"/>; the defaults are Deb et al. (2002)'s real-coded settings.</summary>
public sealed record Nsga2Options
{
    /// <summary>Population size N (100; even).</summary>
    public int PopulationSize { get; init; } = 100;

    /// <summary>SBX crossover probability p_c (0.9).</summary>
    public double CrossoverProbability { get; init; } = 0.9;

    /// <summary>SBX distribution index η_c (20).</summary>
    public double CrossoverDistributionIndex { get; init; } = 20.0;

    /// <summary>Polynomial mutation per-variable probability p_m; NaN means 1/n.</summary>
    public double MutationProbability { get; init; } = double.NaN;

    /// <summary>Polynomial mutation distribution index η_m (20).</summary>
    public double MutationDistributionIndex { get; init; } = 20.0;

    /// <summary>Checks every option and names the first bad one.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        Require(PopulationSize >= 4 && PopulationSize % 2 == 0, nameof(PopulationSize), PopulationSize);
        Require(CrossoverProbability is >= 0 and <= 1, nameof(CrossoverProbability), CrossoverProbability);
        Require(CrossoverDistributionIndex >= 0 && double.IsFinite(CrossoverDistributionIndex), nameof(CrossoverDistributionIndex), CrossoverDistributionIndex);
        Require(double.IsNaN(MutationProbability) || MutationProbability is >= 0 and <= 1, nameof(MutationProbability), MutationProbability);
        Require(MutationDistributionIndex >= 0 && double.IsFinite(MutationDistributionIndex), nameof(MutationDistributionIndex), MutationDistributionIndex);
    }

    private static void Require(bool ok, string name, object value)
    {
        if (!ok)
        {
            throw new ArgumentException(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"NSGA-II option {name} is out of range: {value}."), name);
        }
    }
}

/// <summary>
/// NSGA-II (Deb, Pratap, Agarwal &amp; Meyarivan 2002), the reference multi-objective baseline: binary crowded
/// tournament selection (lower rank, then larger crowding distance) over two shuffled copies of the population, SBX
/// crossover and polynomial mutation, and
/// (μ + λ) elitist survival by fast non-dominated sorting and crowding distance. Ranking uses Deb's constrained
/// domination (feasible first). The result's front is the rank-0 set of the final population (duplicates removed).
/// </summary>
public sealed class Nsga2 : ResumableOptimizer, IPopulationBasedOptimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="options">Options (null: defaults).</param>
    public Nsga2(Nsga2Options? options = null)
    {
        Options = options ?? new Nsga2Options();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public Nsga2Options Options { get; }

    /// <inheritdoc />
    public override string Name => "nsga2";

    /// <inheritdoc />
    public int PopulationSize => Options.PopulationSize;

    /// <inheritdoc />
    /// <remarks>NSGA-II pairs parents, so an odd size is rounded up to the next even number.</remarks>
    public IOptimizer WithPopulationSize(int size) => new Nsga2(Options with { PopulationSize = size + (size % 2) });

    /// <inheritdoc />
    protected override OptimizationRun CreateRun(IProblem problem, StoppingCriteria stopping, long seed)
        => new Nsga2Run(Name, Options, problem, stopping, seed);
}

/// <summary>One NSGA-II run: rows [0, N) of the combined arrays hold the population, rows [N, N + λ) the offspring.</summary>
internal sealed class Nsga2Run : OptimizationRun
{
    private readonly Nsga2Options _o;
    private readonly int _n;
    private readonly int _m;
    private readonly int _k;
    private readonly int _size;
    private readonly double[] _x;
    private readonly double[] _f;
    private readonly double[] _g;
    private readonly double[] _viol;
    private readonly int[] _rank;
    private readonly double[] _crowd;
    private readonly double[] _offX;
    private readonly double[] _offF;
    private readonly double[] _offG;
    private readonly double[] _offViol;
    private readonly double[] _nextX;
    private readonly double[] _nextF;
    private readonly double[] _nextG;
    private readonly double[] _nextViol;
    private readonly int[] _combinedRank;
    private readonly int[] _members;
    private readonly int[] _order;
    private readonly double[] _distance;
    private readonly int[] _selected;
    private readonly double[] _keys;
    private readonly int[] _perm;
    private readonly int[] _pool;
    private readonly NonDominatedSorter _sorter = new();
    private readonly double _mutationProbability;

    public Nsga2Run(string name, Nsga2Options options, IProblem problem, StoppingCriteria stopping, long seed)
        : base(name, problem, stopping, seed)
    {
        _o = options;
        _n = problem.Dimension;
        _m = problem.ObjectiveCount;
        _k = problem.ConstraintCount;
        _size = options.PopulationSize;
        var total = 2 * _size;
        _x = new double[total * _n];
        _f = new double[total * _m];
        _g = new double[total * _k];
        _viol = new double[total];
        _rank = new int[_size];
        _crowd = new double[_size];
        _offX = new double[_size * _n];
        _offF = new double[_size * _m];
        _offG = new double[_size * _k];
        _offViol = new double[_size];
        _nextX = new double[_size * _n];
        _nextF = new double[_size * _m];
        _nextG = new double[_size * _k];
        _nextViol = new double[_size];
        _combinedRank = new int[total];
        _members = new int[total];
        _order = new int[total];
        _distance = new double[total];
        _selected = new int[total];
        _keys = new double[total];
        _perm = new int[_size];
        _pool = new int[_size];
        _mutationProbability = double.IsNaN(options.MutationProbability) ? 1.0 / _n : options.MutationProbability;
    }

    /// <summary>Current population positions, row-major (for tests).</summary>
    internal ReadOnlySpan<double> Positions => _x.AsSpan(0, _size * _n);

    protected override double CurrentBestValue => BestIndex() is var i && i >= 0 ? _f[i * _m] : double.PositiveInfinity;

    protected override double CurrentBestViolation => BestIndex() is var i && i >= 0 ? _viol[i] : double.PositiveInfinity;

    protected override int ArchiveSize
    {
        get
        {
            var c = 0;
            for (var i = 0; i < _size; i++)
            {
                if (_rank[i] == 0)
                {
                    c++;
                }
            }

            return c;
        }
    }

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

        Evaluator.Evaluate(_x, _size, _f, _g, _viol);
        AddEvaluations(_size);
        RankPopulation();
    }

    protected override void Iterate()
    {
        var lambda = _size;
        if (Stopping.MaxEvaluations is { } budget)
        {
            lambda = (int)Math.Clamp(budget - Evaluations, 1, _size);
        }

        // Mating pool by binary crowded tournament over two shuffled copies of the population (Deb's scheme: every
        // member plays exactly twice), then SBX on consecutive parents and polynomial mutation.
        FillMatingPool();
        for (var c = 0; c < lambda; c += 2)
        {
            var p1 = _pool[c];
            var p2 = _pool[c + 1];
            var c1 = _offX.AsSpan(c * _n, _n);
            var c2 = c + 1 < _size ? _offX.AsSpan((c + 1) * _n, _n) : _nextX.AsSpan(0, _n);
            VariationOperators.SimulatedBinaryCrossover(_x.AsSpan(p1 * _n, _n), _x.AsSpan(p2 * _n, _n), c1, c2,
                Problem.Bounds, _o.CrossoverProbability, _o.CrossoverDistributionIndex, Random);
            VariationOperators.PolynomialMutation(c1, Problem.Bounds, _mutationProbability, _o.MutationDistributionIndex, Random);
            VariationOperators.PolynomialMutation(c2, Problem.Bounds, _mutationProbability, _o.MutationDistributionIndex, Random);
        }

        Evaluator.Evaluate(_offX, lambda, _offF, _offG, _offViol);
        AddEvaluations(lambda);

        // Combined population R = P ∪ Q in rows [0, N + λ).
        Array.Copy(_offX, 0, _x, _size * _n, lambda * _n);
        Array.Copy(_offF, 0, _f, _size * _m, lambda * _m);
        Array.Copy(_offG, 0, _g, _size * _k, lambda * _k);
        Array.Copy(_offViol, 0, _viol, _size, lambda);
        var total = _size + lambda;
        var fronts = _sorter.Sort(_f.AsSpan(0, total * _m), _m, _viol.AsSpan(0, total), _combinedRank);

        // Fill the next population front by front; the front that overflows is cut by crowding distance.
        var filled = 0;
        for (var front = 0; front < fronts && filled < _size; front++)
        {
            var count = 0;
            for (var i = 0; i < total; i++)
            {
                if (_combinedRank[i] == front)
                {
                    _members[count++] = i;
                }
            }

            if (filled + count <= _size)
            {
                for (var c = 0; c < count; c++)
                {
                    _selected[filled++] = _members[c];
                }

                continue;
            }

            CrowdingDistance.Compute(_f, _m, _members.AsSpan(0, count), _distance, _order, _keys);

            // Take the (N − filled) members with the largest distance (stable: ties by position).
            for (var c = 0; c < count; c++)
            {
                _order[c] = c;
            }

            for (var a = 1; a < count; a++)
            {
                var item = _order[a];
                var key = _distance[item];
                var b = a - 1;
                while (b >= 0 && _distance[_order[b]] < key)
                {
                    _order[b + 1] = _order[b];
                    b--;
                }

                _order[b + 1] = item;
            }

            for (var c = 0; filled < _size; c++)
            {
                _selected[filled++] = _members[_order[c]];
            }
        }

        for (var i = 0; i < _size; i++)
        {
            var s = _selected[i];
            _x.AsSpan(s * _n, _n).CopyTo(_nextX.AsSpan(i * _n, _n));
            _f.AsSpan(s * _m, _m).CopyTo(_nextF.AsSpan(i * _m, _m));
            _g.AsSpan(s * _k, _k).CopyTo(_nextG.AsSpan(i * _k, _k));
            _nextViol[i] = _viol[s];
        }

        Array.Copy(_nextX, _x, _size * _n);
        Array.Copy(_nextF, _f, _size * _m);
        Array.Copy(_nextG, _g, _size * _k);
        Array.Copy(_nextViol, _viol, _size);
        RankPopulation();
    }

    /// <summary>Ranks and crowding distances of the current population (for the tournament and the result).</summary>
    private void RankPopulation()
    {
        var fronts = _sorter.Sort(_f.AsSpan(0, _size * _m), _m, _viol.AsSpan(0, _size), _rank);
        for (var front = 0; front < fronts; front++)
        {
            var count = 0;
            for (var i = 0; i < _size; i++)
            {
                if (_rank[i] == front)
                {
                    _members[count++] = i;
                }
            }

            CrowdingDistance.Compute(_f, _m, _members.AsSpan(0, count), _distance, _order, _keys);
            for (var c = 0; c < count; c++)
            {
                _crowd[_members[c]] = _distance[c];
            }
        }
    }

    /// <summary>Fills <see cref="_pool"/> with N winners: two random permutations, each split into N/2 pairs.</summary>
    private void FillMatingPool()
    {
        var w = 0;
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < _size; i++)
            {
                _perm[i] = i;
            }

            for (var i = _size - 1; i > 0; i--)
            {
                var j = Random.NextInt(i + 1);
                (_perm[i], _perm[j]) = (_perm[j], _perm[i]);
            }

            for (var i = 0; i < _size; i += 2)
            {
                _pool[w++] = Tournament(_perm[i], _perm[i + 1]);
            }
        }
    }

    /// <summary>Binary crowded tournament (Deb et al. 2002, the crowded-comparison operator).</summary>
    private int Tournament(int a, int b)
    {
        if (_rank[a] != _rank[b])
        {
            return _rank[a] < _rank[b] ? a : b;
        }

        return _crowd[b] > _crowd[a] ? b : a;
    }

    private int BestIndex()
    {
        var best = -1;
        for (var i = 0; i < _size; i++)
        {
            if (best < 0 || Dominance.IsBetter(_f[i * _m], _viol[i], _f[best * _m], _viol[best]))
            {
                best = i;
            }
        }

        return best;
    }

    protected override JsonElement SaveState() => ToElement(new Nsga2State(
        _x.AsSpan(0, _size * _n).ToArray(), _f.AsSpan(0, _size * _m).ToArray(), _g.AsSpan(0, _size * _k).ToArray(),
        _viol.AsSpan(0, _size).ToArray()));

    protected override void RestoreState(JsonElement state)
    {
        var s = FromElement<Nsga2State>(state);
        if (s.X.Length != _size * _n || s.F.Length != _size * _m || s.G.Length != _size * _k || s.Violation.Length != _size)
        {
            throw new FormatException("NSGA-II checkpoint state does not match the population size or the problem's sizes.");
        }

        s.X.CopyTo(_x, 0);
        s.F.CopyTo(_f, 0);
        s.G.CopyTo(_g, 0);
        s.Violation.CopyTo(_viol, 0);
        RankPopulation();
    }

    protected override OptimizationResult BuildResult()
    {
        var front = new List<Solution>();
        for (var i = 0; i < _size; i++)
        {
            if (_rank[i] != 0)
            {
                continue;
            }

            var duplicate = false;
            foreach (var s in front)
            {
                if (_f.AsSpan(i * _m, _m).SequenceEqual(s.Objectives.ToArray()))
                {
                    duplicate = true;
                    break;
                }
            }

            if (!duplicate)
            {
                front.Add(MakeSolution(_x, _f, _g, _viol[i], i));
            }
        }

        return MultiObjectiveResult(MakeSolution(_x, _f, _g, _viol[BestIndex()], BestIndex()), front);
    }

    /// <summary>Checkpointed state of an NSGA-II run (the population; ranks are recomputed).</summary>
    internal sealed record Nsga2State(double[] X, double[] F, double[] G, double[] Violation);
}
