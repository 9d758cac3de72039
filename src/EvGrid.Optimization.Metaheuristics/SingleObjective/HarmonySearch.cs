using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace EvGrid.Optimization.Metaheuristics.SingleObjective;

/// <summary>
/// Options of harmony search (Geem, Kim &amp; Loganathan 2001) and of its improved variant (Mahdavi, Fesanghary &amp;
/// Damangir 2007). Defaults for plain HS are the values commonly recommended for continuous problems (Lee &amp; Geem
/// 2005): HMS = 30, HMCR = 0.9, PAR = 0.3, bandwidth 1 % of each range; IHS varies PAR linearly from 0.35 to 0.99 and
/// the bandwidth exponentially from (range)/20 down to 10⁻⁶·range (Mahdavi et al. 2007).
/// </summary>
public sealed record HarmonySearchOptions
{
    /// <summary>Harmony memory size (HMS).</summary>
    public int MemorySize { get; init; } = 30;

    /// <summary>New harmonies per iteration (null = <see cref="MemorySize"/>, so that an iteration evaluates as many
    /// candidates as a swarm of the same size; 1 = Geem's original steady-state loop).</summary>
    public int? ImprovisationsPerIteration { get; init; }

    /// <summary>
    /// Whether each new harmony is evaluated and inserted before the next one is improvised (Geem's original
    /// steady-state loop, the default). When <see langword="false"/>, an iteration improvises all its harmonies from
    /// the memory as it stood at the start of the iteration and evaluates them as one population, which lets costly
    /// problems evaluate them in parallel.
    /// </summary>
    public bool SteadyState { get; init; } = true;

    /// <summary>Harmony memory considering rate (HMCR).</summary>
    public double ConsiderationRate { get; init; } = 0.9;

    /// <summary>Pitch adjusting rate PAR (plain HS) or PAR_min (IHS, at t = 0).</summary>
    public double PitchAdjustRateMin { get; init; } = 0.3;

    /// <summary>PAR_max (IHS, at t = T); equal to <see cref="PitchAdjustRateMin"/> for a constant PAR.</summary>
    public double PitchAdjustRateMax { get; init; } = 0.3;

    /// <summary>Bandwidth at t = 0 as a fraction of each dimension's range (bw_max for IHS).</summary>
    public double BandwidthMaxFraction { get; init; } = 0.01;

    /// <summary>Bandwidth at t = T as a fraction of each range (bw_min for IHS); equal to the maximum for a constant bw.</summary>
    public double BandwidthMinFraction { get; init; } = 0.01;

    /// <summary>The improved harmony search defaults of Mahdavi et al. (2007).</summary>
    public static HarmonySearchOptions ImprovedDefaults { get; } = new()
    {
        MemorySize = 30,
        ConsiderationRate = 0.95,
        PitchAdjustRateMin = 0.35,
        PitchAdjustRateMax = 0.99,
        BandwidthMaxFraction = 0.05,
        BandwidthMinFraction = 1e-6,
    };

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentException">A value is out of range (the message names it).</exception>
    public void Validate()
    {
        PsoOptions.Require(MemorySize >= 2, nameof(MemorySize), MemorySize);
        PsoOptions.Require(ImprovisationsPerIteration is null or >= 1, nameof(ImprovisationsPerIteration),
            ImprovisationsPerIteration ?? 0);
        PsoOptions.Require(ConsiderationRate is >= 0 and <= 1, nameof(ConsiderationRate), ConsiderationRate);
        PsoOptions.Require(PitchAdjustRateMin is >= 0 and <= 1, nameof(PitchAdjustRateMin), PitchAdjustRateMin);
        PsoOptions.Require(PitchAdjustRateMax is >= 0 and <= 1, nameof(PitchAdjustRateMax), PitchAdjustRateMax);
        PsoOptions.Require(BandwidthMaxFraction > 0 && double.IsFinite(BandwidthMaxFraction), nameof(BandwidthMaxFraction),
            BandwidthMaxFraction);
        PsoOptions.Require(BandwidthMinFraction > 0 && BandwidthMinFraction <= BandwidthMaxFraction,
            nameof(BandwidthMinFraction), BandwidthMinFraction);
    }

    /// <summary>PAR at schedule fraction t/T: PAR_min + (PAR_max − PAR_min)·t/T (Mahdavi et al. 2007).</summary>
    /// <param name="fraction">t/T.</param>
    /// <returns>PAR.</returns>
    public double PitchAdjustRate(double fraction)
        => PitchAdjustRateMin + ((PitchAdjustRateMax - PitchAdjustRateMin) * fraction);

    /// <summary>Bandwidth fraction at t/T: bw_max·exp(ln(bw_min/bw_max)·t/T) (Mahdavi et al. 2007).</summary>
    /// <param name="fraction">t/T.</param>
    /// <returns>Bandwidth as a fraction of the range.</returns>
    public double BandwidthFraction(double fraction)
        => BandwidthMaxFraction * Math.Exp(Math.Log(BandwidthMinFraction / BandwidthMaxFraction) * fraction);
}

/// <summary>Improvisation of a new harmony from a memory stored row-major in a flat array.</summary>
internal static class HarmonyImproviser
{
    /// <summary>
    /// For each dimension j: with probability HMCR take xⱼ from a random memory row (memory consideration) and then,
    /// with probability PAR, move it by bw·(2r − 1)·rangeⱼ (pitch adjustment, clamped to the bounds); otherwise draw
    /// xⱼ uniformly in the bounds (random selection).
    /// </summary>
    public static void Improvise(Span<double> target, double[] memory, int memorySize, Bounds bounds,
        double hmcr, double par, double bandwidthFraction, RandomSource random)
        => Improvise(target, memory, bounds, new HarmonyDraws(hmcr, par, bandwidthFraction, memorySize), random);

    /// <summary>
    /// <see cref="Improvise(Span{double}, double[], int, Bounds, double, double, double, RandomSource)"/> with the
    /// decision thresholds worked out once per iteration rather than once per harmony (the row threshold is a 64-bit
    /// division).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Improvise(Span<double> target, double[] memory, Bounds bounds, in HarmonyDraws draws,
        RandomSource random)
    {
        var n = target.Length;
        var memorySize = draws.MemorySize;
        if (memory.Length < memorySize * n || bounds.Dimension < n)
        {
            throw new ArgumentException("Harmony memory is smaller than rows × dimension.", nameof(memory));
        }

        // The same draws and decisions as "NextDouble() < p" and NextInt(memorySize), in integers (see
        // BernoulliThreshold and RejectionThreshold): this loop is a third of the Table 10 protocol's time.
        var considerBelow = draws.ConsiderBelow;
        var adjustBelow = draws.AdjustBelow;
        var rowThreshold = draws.RowThreshold;
        var bandwidthFraction = draws.BandwidthFraction;
        ref var m0 = ref MemoryMarshal.GetArrayDataReference(memory);
        ref var lo0 = ref MemoryMarshal.GetReference(bounds.Lower);
        ref var hi0 = ref MemoryMarshal.GetReference(bounds.Upper);
        ref var t0 = ref MemoryMarshal.GetReference(target);
        var rng = random.Core; // local copy: the generator state stays in registers
        for (var j = 0; j < n; j++)
        {
            double value;
            var lo = Unsafe.Add(ref lo0, j);
            var hi = Unsafe.Add(ref hi0, j);
            if (rng.NextBits53() < considerBelow)
            {
                value = Unsafe.Add(ref m0, (rng.NextInt(memorySize, rowThreshold) * n) + j);
                if (rng.NextBits53() < adjustBelow)
                {
                    value += bandwidthFraction * (hi - lo) * ((2.0 * rng.NextDouble()) - 1.0);
                    if (value < lo)
                    {
                        value = lo; // Math.Clamp's comparisons, without its argument check
                    }
                    else if (value > hi)
                    {
                        value = hi;
                    }
                }
            }
            else
            {
                value = lo + ((hi - lo) * rng.NextDouble());
            }

            Unsafe.Add(ref t0, j) = value;
        }

        random.Core = rng;
    }

    /// <summary>Index of the worst row (feasibility first; the last among equals).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Worst(double[] f, double[] violation, int count)
    {
        var worst = 0;
        for (var i = 1; i < count; i++)
        {
            if (!Dominance.IsBetter(f[i], violation[i], f[worst], violation[worst]))
            {
                worst = i;
            }
        }

        return worst;
    }
}

/// <summary>One iteration's improvisation settings, with the integer thresholds its decisions compare against.</summary>
internal readonly struct HarmonyDraws
{
    /// <summary>Works the thresholds out.</summary>
    /// <param name="hmcr">Harmony memory considering rate.</param>
    /// <param name="par">Pitch adjusting rate.</param>
    /// <param name="bandwidthFraction">Bandwidth as a fraction of each range.</param>
    /// <param name="memorySize">Rows of the memory (≥ 1).</param>
    public HarmonyDraws(double hmcr, double par, double bandwidthFraction, int memorySize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memorySize, 1);
        ConsiderBelow = Xoshiro256StarStarCore.BernoulliThreshold(hmcr);
        AdjustBelow = Xoshiro256StarStarCore.BernoulliThreshold(par);
        RowThreshold = Xoshiro256StarStarCore.RejectionThreshold(memorySize);
        BandwidthFraction = bandwidthFraction;
        MemorySize = memorySize;
    }

    /// <summary>Memory consideration when the top 53 bits of a draw are below this.</summary>
    public long ConsiderBelow { get; }

    /// <summary>Pitch adjustment when the top 53 bits of a draw are below this.</summary>
    public long AdjustBelow { get; }

    /// <summary>Lemire's rejection threshold for a row index.</summary>
    public ulong RowThreshold { get; }

    /// <summary>Bandwidth as a fraction of each range.</summary>
    public double BandwidthFraction { get; }

    /// <summary>Rows of the memory.</summary>
    public int MemorySize { get; }
}

/// <summary>
/// Harmony search (Geem et al. 2001), registry name <c>hs</c>; with <see cref="HarmonySearchOptions.ImprovedDefaults"/>
/// the improved harmony search of Mahdavi et al. (2007), registry name <c>ihs</c>. One iteration improvises
/// <see cref="HarmonySearchOptions.ImprovisationsPerIteration"/> harmonies from the memory as it stood at the start
/// of the iteration, evaluates them as a population, then lets each replace the worst memory row when it is better
/// (feasibility first).
/// </summary>
public sealed class HarmonySearch : ResumableOptimizer, IPopulationBasedOptimizer
{
    /// <summary>Registry name of plain harmony search.</summary>
    public const string RegistryName = "hs";

    /// <summary>Registry name of improved harmony search.</summary>
    public const string ImprovedRegistryName = "ihs";

    /// <summary>Creates plain harmony search (name <c>hs</c>).</summary>
    /// <param name="options">Options (null = the defaults).</param>
    public HarmonySearch(HarmonySearchOptions? options = null) : this(RegistryName, options ?? new HarmonySearchOptions())
    {
    }

    private HarmonySearch(string name, HarmonySearchOptions options)
    {
        options.Validate();
        Name = name;
        Options = options;
    }

    /// <summary>Creates improved harmony search (name <c>ihs</c>, Mahdavi et al. 2007).</summary>
    /// <param name="options">Options (null = <see cref="HarmonySearchOptions.ImprovedDefaults"/>).</param>
    /// <returns>The optimizer.</returns>
    public static HarmonySearch Improved(HarmonySearchOptions? options = null)
        => new(ImprovedRegistryName, options ?? HarmonySearchOptions.ImprovedDefaults);

    /// <summary>The options.</summary>
    public HarmonySearchOptions Options { get; }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public int PopulationSize => Options.MemorySize;

    /// <inheritdoc />
    public IOptimizer WithPopulationSize(int size) => new HarmonySearch(Name, Options with { MemorySize = size });

    /// <inheritdoc />
    protected override OptimizationRun CreateRun(IProblem problem, StoppingCriteria stopping, long seed)
        => new HarmonyRun(Name, Options, problem, stopping, seed);

    private sealed class HarmonyRun : SingleObjectiveRun
    {
        private readonly HarmonySearchOptions _o;
        private readonly int _hms;
        private readonly int _batch;
        private readonly int _n;
        private readonly int _k;
        private readonly double[] _nx;
        private readonly double[] _nf;
        private readonly double[] _ng;
        private readonly double[] _nv;
        private double[] _mx;

        /// <summary>The memory's worst row, or −1 when the memory changed since it was found (rescanned on demand).</summary>
        private int _worst = -1;
        private double[] _mf;
        private double[] _mg;
        private double[] _mv;

        public HarmonyRun(string name, HarmonySearchOptions o, IProblem problem, StoppingCriteria stopping, long seed)
            : base(name, problem, stopping, seed)
        {
            _o = o;
            _hms = o.MemorySize;
            _batch = o.ImprovisationsPerIteration ?? o.MemorySize;
            _n = problem.Dimension;
            _k = problem.ConstraintCount;
            _mx = new double[_hms * _n];
            _mf = new double[_hms];
            _mg = new double[_hms * _k];
            _mv = new double[_hms];
            _nx = new double[_batch * _n];
            _nf = new double[_batch];
            _ng = new double[_batch * _k];
            _nv = new double[_batch];
        }

        protected override void Initialize()
        {
            var lower = Problem.Bounds.Lower;
            var upper = Problem.Bounds.Upper;
            for (var i = 0; i < _hms; i++)
            {
                for (var j = 0; j < _n; j++)
                {
                    _mx[(i * _n) + j] = Random.NextDouble(lower[j], upper[j]);
                }
            }

            Evaluator.Evaluate(_mx, _hms, _mf, _mg, _mv);
            AddEvaluations(_hms);
            for (var i = 0; i < _hms; i++)
            {
                ConsiderBest(_mx.AsSpan(i * _n, _n), _mf[i], _mg.AsSpan(i * _k, _k), _mv[i]);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        protected override void Iterate()
        {
            var t = ScheduleFraction(_batch, _hms);
            var par = _o.PitchAdjustRate(t);
            var bw = _o.BandwidthFraction(t);
            var batch = EvaluationAllowance(_batch);
            var draws = new HarmonyDraws(_o.ConsiderationRate, par, bw, _hms);
            if (_o.SteadyState)
            {
                var x = _nx.AsSpan(0, _n);
                var g = _ng.AsSpan(0, _k);
                for (var b = 0; b < batch; b++)
                {
                    HarmonyImproviser.Improvise(x, _mx, Problem.Bounds, draws, Random);
                    var v = Evaluator.EvaluateOne(x, _nf.AsSpan(0, 1), g);
                    AddEvaluations(1);
                    Insert(x, _nf[0], g, v);
                }

                return;
            }

            for (var b = 0; b < batch; b++)
            {
                HarmonyImproviser.Improvise(_nx.AsSpan(b * _n, _n), _mx, Problem.Bounds, draws, Random);
            }

            Evaluator.Evaluate(_nx, batch, _nf, _ng, _nv);
            AddEvaluations(batch);
            for (var b = 0; b < batch; b++)
            {
                Insert(_nx.AsSpan(b * _n, _n), _nf[b], _ng.AsSpan(b * _k, _k), _nv[b]);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Insert(ReadOnlySpan<double> x, double f, ReadOnlySpan<double> g, double v)
        {
            // The worst row changes only when a row is replaced, so the scan runs once per replacement rather than
            // once per harmony (the same row as scanning every time).
            if (_worst < 0)
            {
                _worst = HarmonyImproviser.Worst(_mf, _mv, _hms);
            }

            var worst = _worst;
            if (Dominance.IsBetter(f, v, _mf[worst], _mv[worst]))
            {
                _worst = -1;
                x.CopyTo(_mx.AsSpan(worst * _n, _n));
                g.CopyTo(_mg.AsSpan(worst * _k, _k));
                _mf[worst] = f;
                _mv[worst] = v;
                ConsiderBest(x, f, g, v);
            }
        }

        protected override JsonElement SaveState()
            => ToElement(new MemoryState { X = _mx, F = _mf, G = _mg, Violation = _mv, Best = SaveBest() });

        protected override void RestoreState(JsonElement state)
        {
            var s = FromElement<MemoryState>(state);
            if (s.X.Length != _mx.Length)
            {
                throw new FormatException(
                    $"Checkpoint harmony memory has {s.X.Length / Math.Max(1, _n)} rows; these options have {_hms}.");
            }

            (_mx, _mf, _mg, _mv) = (s.X, s.F, s.G, s.Violation);
            _worst = -1;
            RestoreBest(s.Best);
        }

        private sealed class MemoryState
        {
            public double[] X { get; set; } = [];

            public double[] F { get; set; } = [];

            public double[] G { get; set; } = [];

            public double[] Violation { get; set; } = [];

            public BestSnapshot Best { get; set; } = new();
        }
    }
}
