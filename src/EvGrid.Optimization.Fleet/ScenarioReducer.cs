using MathNet.Numerics.Random;

namespace EvGrid.Optimization.Fleet;

/// <summary>Options of <see cref="ScenarioReducer.Reduce"/>.</summary>
public sealed record ScenarioReductionOptions
{
    /// <summary>Seed of the k-means++ seeding; the same seed gives the same typical days.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Smallest cluster count tried (≥ 2, the pseudo-F needs k − 1 &gt; 0). Default 2.</summary>
    public int MinClusters { get; init; } = 2;

    /// <summary>Largest cluster count tried. Default 10.</summary>
    public int MaxClusters { get; init; } = 10;

    /// <summary>When set, use exactly this many clusters instead of the pseudo-F choice.</summary>
    public int? ClusterCount { get; init; }

    /// <summary>k-means++ restarts per k (the lowest within-cluster sum of squares wins). Default 10.</summary>
    public int Restarts { get; init; } = 10;

    /// <summary>Largest number of Lloyd iterations per run. Default 100.</summary>
    public int MaxIterations { get; init; } = 100;
}

/// <summary>One typical day: hourly centroid profiles in the input units and its probability T_l.</summary>
/// <param name="Index">Position (typical days are ordered by decreasing probability).</param>
/// <param name="Probability">T_l: the share of the days in this cluster (seed 002 eq. (5)).</param>
/// <param name="DayCount">Number of days in the cluster (T_l · days).</param>
/// <param name="WindMps">Centroid wind speed per hour (m/s).</param>
/// <param name="IrradianceKwPerM2">Centroid irradiance per hour (kW/m²).</param>
/// <param name="Load">Centroid base load per hour (the year's load unit).</param>
/// <param name="MedoidDay">The real day (0-based) closest to the centroid.</param>
public sealed record TypicalDay(int Index, double Probability, int DayCount, double[] WindMps, double[] IrradianceKwPerM2, double[] Load, int MedoidDay)
{
    /// <summary>Hourly PV output of this typical day (kW), seed 002 eq. (1) applied to the centroid irradiance.</summary>
    /// <param name="pv">PV model.</param>
    /// <returns>24 values (kW).</returns>
    public double[] PvOutputKw(PvModel pv)
    {
        ArgumentNullException.ThrowIfNull(pv);
        var kw = new double[IrradianceKwPerM2.Length];
        pv.OutputKw(IrradianceKwPerM2, kw);
        return kw;
    }

    /// <summary>Hourly wind-turbine output of this typical day (kW), seed 002 eq. (2) applied to the centroid wind speed.</summary>
    /// <param name="turbine">Wind-turbine model.</param>
    /// <returns>24 values (kW).</returns>
    public double[] WindOutputKw(WindTurbineModel turbine)
    {
        ArgumentNullException.ThrowIfNull(turbine);
        var kw = new double[WindMps.Length];
        turbine.OutputKw(WindMps, kw);
        return kw;
    }
}

/// <summary>The typical days and how their number was chosen.</summary>
/// <param name="Days">Typical days, by decreasing probability; probabilities sum to 1.</param>
/// <param name="PseudoF">Calinski–Harabasz pseudo-F per tried cluster count k (index k; NaN where not tried).</param>
/// <param name="Assignment">Typical-day index of every day of the year.</param>
public sealed record ScenarioSet(IReadOnlyList<TypicalDay> Days, IReadOnlyList<double> PseudoF, IReadOnlyList<int> Assignment)
{
    /// <summary>Number of typical days.</summary>
    public int Count => Days.Count;

    /// <summary>True when the reduction was cancelled: the days are the best of the cluster counts whose restarts all
    /// finished (<see cref="PseudoF"/> is NaN for the others).</summary>
    public bool Cancelled { get; init; }
}

/// <summary>
/// Typical-day reduction of seed 002 §2: k-means++ clustering of the daily wind / irradiance / load profiles, the
/// number of clusters chosen by the largest pseudo-F (Calinski–Harabasz) statistic.
/// </summary>
/// <remarks>
/// Each day is a 72-value vector (24 h of wind, irradiance and load), each series divided by its yearly maximum so
/// the three weigh alike. For each k, <see cref="ScenarioReductionOptions.Restarts"/> k-means++ seedings (D² sampling
/// with a xoshiro256** generator seeded from (seed, k, restart)) run Lloyd iterations to convergence; the run with the
/// lowest within-cluster sum of squares W_k is kept and
/// PF(k) = [B_k / (k − 1)] / [W_k / (n − k)], B_k the between-cluster sum of squares.
/// </remarks>
public sealed class ScenarioReducer
{
    private const int Features = 72;

    /// <summary>Reduces a year to typical days.</summary>
    /// <param name="year">Hourly data.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="progress">Receives the fraction of k-means runs (cluster counts × restarts) finished, or null.</param>
    /// <param name="cancellationToken">
    /// Checked before each k-means run, by the library's cancellation convention: cancelled before every restart of
    /// the first cluster count has run, the call throws <see cref="OperationCanceledException"/>; cancelled later, it
    /// returns the best of the cluster counts tried in full, marked <see cref="ScenarioSet.Cancelled"/>.
    /// </param>
    /// <returns>The typical days with their probabilities.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled before one cluster count was tried in full.</exception>
    public ScenarioSet Reduce(WeatherYear year, ScenarioReductionOptions? options = null, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(year);
        cancellationToken.ThrowIfCancellationRequested();
        options ??= new ScenarioReductionOptions();
        var n = year.Days;
        var kMin = options.ClusterCount ?? options.MinClusters;
        var kMax = options.ClusterCount ?? options.MaxClusters;
        if (kMin < 1 || kMax < kMin || kMax > n)
        {
            throw new ArgumentException($"Cluster counts must satisfy 1 ≤ min ≤ max ≤ days ({n}), got {kMin}..{kMax}.", nameof(options));
        }

        if (options.ClusterCount is null && kMin < 2)
        {
            throw new ArgumentException($"MinClusters must be ≥ 2 for the pseudo-F choice, got {kMin}.", nameof(options));
        }

        if (options.Restarts < 1 || options.MaxIterations < 1)
        {
            throw new ArgumentException("Restarts and MaxIterations must be ≥ 1.", nameof(options));
        }

        var x = FeatureMatrix(year);
        var grand = new double[Features];
        for (var i = 0; i < n; i++)
        {
            for (var f = 0; f < Features; f++)
            {
                grand[f] += x[i * Features + f] / n;
            }
        }

        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            total += Dist2(x.AsSpan(i * Features, Features), grand);
        }

        var pseudoF = Enumerable.Repeat(double.NaN, kMax + 1).ToArray();
        int[]? bestAssign = null;
        var bestK = kMin;
        var bestF = double.NegativeInfinity;
        var runs = (kMax - kMin + 1) * options.Restarts;
        var finished = 0;
        var cancelled = false;
        for (var k = kMin; k <= kMax; k++)
        {
            int[]? assign = null;
            var w = double.PositiveInfinity;
            for (var r = 0; r < options.Restarts; r++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    if (k == kMin)
                    {
                        throw new OperationCanceledException(cancellationToken); // nothing tried in full yet
                    }

                    cancelled = true;
                    break;
                }

                var seed = FleetSampler.BlockSeed(options.Seed, k * 1000 + r);
                var (a, sse) = KMeans(x, n, k, new Xoshiro256StarStar(seed, false), options.MaxIterations);
                if (sse < w - 1e-12)
                {
                    (w, assign) = (sse, a);
                }

                progress?.Report(++finished / (double)runs);
            }

            if (cancelled)
            {
                break;
            }

            var b = total - w;
            var f = k > 1 && n > k ? (w > 0 ? b / (k - 1) / (w / (n - k)) : double.PositiveInfinity) : double.NaN;
            pseudoF[k] = f;
            if (options.ClusterCount is not null || f > bestF)
            {
                (bestF, bestK, bestAssign) = (f, k, assign);
            }
        }

        return Build(year, x, n, bestK, bestAssign!, pseudoF) with { Cancelled = cancelled };
    }

    private static double[] FeatureMatrix(WeatherYear year)
    {
        var n = year.Days;
        var x = new double[n * Features];
        for (var s = 0; s < 3; s++)
        {
            var span = s switch { 0 => year.WindMps, 1 => year.IrradianceKwPerM2, _ => year.Load };
            var scale = 0.0;
            foreach (var v in span)
            {
                scale = Math.Max(scale, Math.Abs(v));
            }

            scale = scale > 0 ? scale : 1;
            for (var d = 0; d < n; d++)
            {
                for (var h = 0; h < 24; h++)
                {
                    x[d * Features + s * 24 + h] = span[d * 24 + h] / scale;
                }
            }
        }

        return x;
    }

    private static (int[] Assign, double Sse) KMeans(double[] x, int n, int k, Random rng, int maxIterations)
    {
        var centers = new double[k * Features];
        var d2 = new double[n];
        // k-means++ seeding: first centre uniform, then D² sampling.
        var first = rng.Next(n);
        Array.Copy(x, first * Features, centers, 0, Features);
        for (var i = 0; i < n; i++)
        {
            d2[i] = Dist2(x.AsSpan(i * Features, Features), centers.AsSpan(0, Features));
        }

        for (var c = 1; c < k; c++)
        {
            var sum = d2.Sum();
            var pick = 0;
            if (sum > 0)
            {
                var u = rng.NextDouble() * sum;
                var acc = 0.0;
                pick = n - 1;
                for (var i = 0; i < n; i++)
                {
                    acc += d2[i];
                    if (u < acc)
                    {
                        pick = i;
                        break;
                    }
                }
            }
            else
            {
                pick = rng.Next(n);
            }

            Array.Copy(x, pick * Features, centers, c * Features, Features);
            for (var i = 0; i < n; i++)
            {
                d2[i] = Math.Min(d2[i], Dist2(x.AsSpan(i * Features, Features), centers.AsSpan(c * Features, Features)));
            }
        }

        var assign = new int[n];
        Array.Fill(assign, -1);
        var counts = new int[k];
        var sse = 0.0;
        for (var iter = 0; iter < maxIterations; iter++)
        {
            var moved = false;
            sse = 0;
            for (var i = 0; i < n; i++)
            {
                var best = 0;
                var bestD = double.PositiveInfinity;
                for (var c = 0; c < k; c++)
                {
                    var d = Dist2(x.AsSpan(i * Features, Features), centers.AsSpan(c * Features, Features));
                    if (d < bestD)
                    {
                        (bestD, best) = (d, c);
                    }
                }

                sse += bestD;
                if (assign[i] != best)
                {
                    assign[i] = best;
                    moved = true;
                }
            }

            if (!moved)
            {
                break;
            }

            Array.Clear(centers);
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                counts[assign[i]]++;
                for (var f = 0; f < Features; f++)
                {
                    centers[assign[i] * Features + f] += x[i * Features + f];
                }
            }

            for (var c = 0; c < k; c++)
            {
                if (counts[c] == 0)
                {
                    // An empty cluster takes the day farthest from its centre.
                    var far = 0;
                    var farD = -1.0;
                    for (var i = 0; i < n; i++)
                    {
                        var d = Dist2(x.AsSpan(i * Features, Features), centers.AsSpan(assign[i] * Features, Features));
                        if (counts[assign[i]] > 1 && d > farD)
                        {
                            (farD, far) = (d, i);
                        }
                    }

                    Array.Copy(x, far * Features, centers, c * Features, Features);
                    continue;
                }

                for (var f = 0; f < Features; f++)
                {
                    centers[c * Features + f] /= counts[c];
                }
            }
        }

        // Exact SSE of the final assignment around its own means.
        var means = new double[k * Features];
        Array.Clear(counts);
        for (var i = 0; i < n; i++)
        {
            counts[assign[i]]++;
            for (var f = 0; f < Features; f++)
            {
                means[assign[i] * Features + f] += x[i * Features + f];
            }
        }

        for (var c = 0; c < k; c++)
        {
            for (var f = 0; f < Features && counts[c] > 0; f++)
            {
                means[c * Features + f] /= counts[c];
            }
        }

        sse = 0;
        for (var i = 0; i < n; i++)
        {
            sse += Dist2(x.AsSpan(i * Features, Features), means.AsSpan(assign[i] * Features, Features));
        }

        return (assign, sse);
    }

    private static ScenarioSet Build(WeatherYear year, double[] x, int n, int k, int[] assign, double[] pseudoF)
    {
        var counts = new int[k];
        foreach (var a in assign)
        {
            counts[a]++;
        }

        // Order clusters by decreasing size (ties: first day seen), then renumber.
        var firstDay = Enumerable.Repeat(int.MaxValue, k).ToArray();
        for (var i = n - 1; i >= 0; i--)
        {
            firstDay[assign[i]] = i;
        }

        var order = Enumerable.Range(0, k).Where(c => counts[c] > 0).OrderByDescending(c => counts[c]).ThenBy(c => firstDay[c]).ToArray();
        var rename = new int[k];
        for (var j = 0; j < order.Length; j++)
        {
            rename[order[j]] = j;
        }

        var days = new List<TypicalDay>();
        for (var j = 0; j < order.Length; j++)
        {
            var c = order[j];
            var wind = new double[24];
            var irr = new double[24];
            var load = new double[24];
            var centroid = new double[Features];
            for (var i = 0; i < n; i++)
            {
                if (assign[i] != c)
                {
                    continue;
                }

                for (var h = 0; h < 24; h++)
                {
                    wind[h] += year.WindMps[i * 24 + h] / counts[c];
                    irr[h] += year.IrradianceKwPerM2[i * 24 + h] / counts[c];
                    load[h] += year.Load[i * 24 + h] / counts[c];
                }

                for (var f = 0; f < Features; f++)
                {
                    centroid[f] += x[i * Features + f] / counts[c];
                }
            }

            var medoid = -1;
            var medoidD = double.PositiveInfinity;
            for (var i = 0; i < n; i++)
            {
                if (assign[i] == c)
                {
                    var d = Dist2(x.AsSpan(i * Features, Features), centroid);
                    if (d < medoidD)
                    {
                        (medoidD, medoid) = (d, i);
                    }
                }
            }

            days.Add(new TypicalDay(j, counts[c] / (double)n, counts[c], wind, irr, load, medoid));
        }

        return new ScenarioSet(days, pseudoF, [.. assign.Select(a => rename[a])]);
    }

    private static double Dist2(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            s += d * d;
        }

        return s;
    }
}
