using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace EvGrid.Optimization.Fleet;

/// <summary>What the sampler does with a sampled EV that cannot reach its departure target in its window.</summary>
public enum InfeasibleTargetPolicy
{
    /// <summary>Lower that EV's departure target to the SOC it can reach (counted in <see cref="FleetSample.CappedTargetIds"/>).</summary>
    Cap = 0,

    /// <summary>Throw an <see cref="ArgumentException"/> naming the EV and why.</summary>
    Throw = 1,
}

/// <summary>Options of <see cref="FleetSampler.Sample"/>.</summary>
public sealed record FleetSamplerOptions
{
    /// <summary>Number of EVs (≥ 0). Default 1 000.</summary>
    public int EvCount { get; init; } = 1000;

    /// <summary>Fleet composition. Default seed 002's mix.</summary>
    public FleetMix Mix { get; init; } = FleetMix.Seed002;

    /// <summary>Seed of the run; the same seed gives the same fleet on any machine and thread count.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Number of buses/regions the EVs are assigned to (≥ 1). Without <see cref="BusWeights"/>, EV i goes to bus
    /// i mod BusCount, spreading every type evenly ("evenly distributed among sub-stations", seed 002 §6.1).
    /// </summary>
    public int BusCount { get; init; } = 1;

    /// <summary>Optional relative weights of the buses; EVs are then assigned at random by these weights.</summary>
    public IReadOnlyList<double>? BusWeights { get; init; }

    /// <summary>SOC bounds of the fleet. Default seed 000's [0.1, 0.95].</summary>
    public SocLimits SocLimits { get; init; } = SocLimits.Seed000;

    /// <summary>Shortest plug-in time the sampler produces (h). Default 0.25 h.</summary>
    public double MinimumStayHours { get; init; } = 0.25;

    /// <summary>Policy for EVs whose target cannot be met in their window. Default <see cref="InfeasibleTargetPolicy.Cap"/>.</summary>
    public InfeasibleTargetPolicy InfeasibleTargets { get; init; } = InfeasibleTargetPolicy.Cap;

    /// <summary>Upper bound on the threads used (null: all cores). Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}

/// <summary>A sampled fleet and what the sampler had to adjust.</summary>
/// <param name="Fleet">The fleet.</param>
/// <param name="CappedTargetIds">EVs whose departure target was lowered to what their window allows.</param>
/// <param name="Seed">The seed used.</param>
public sealed record FleetSample(EvFleet Fleet, IReadOnlyList<int> CappedTargetIds, int Seed)
{
    /// <summary>
    /// EVs whose sampled trip would have drained them below the SOC floor: their arrival SOC is the floor
    /// (min(<see cref="SocLimits.Min"/>, <see cref="EvType.SocAfterLastCharge"/>)) and their distance is shortened to
    /// what that SOC implies with their sampled consumption, d = (SOC_0 − SOC_arr)·100·E / c, so distance and SOC
    /// stay consistent. Empty unless set by <see cref="FleetSampler.Sample"/>.
    /// </summary>
    public IReadOnlyList<int> ClampedArrivalIds { get; init; } = [];
}

/// <summary>
/// Seeded Monte Carlo sampler of EV plug-in sessions (seed 002 §3; seed 000 §6).
/// </summary>
/// <remarks>
/// <para>Counts per type are apportioned exactly from the mix (<see cref="FleetMix.Apportion"/>), EVs ordered by type.
/// For each EV, in this order: chargeable window (by weight), arrival ~ N(μ, σ²) truncated to the window (inverse
/// CDF, one uniform per draw), departure (fixed at the window's departure hour or normal, truncated to after
/// the arrival), distance ln d ~ N(μ_d, σ_d²), consumption ~ U[c_min, c_max], departure target ~ U[s_min, s_max],
/// V2G willingness ~ Bernoulli(p), and bus (by weight, or round-robin without weights).</para>
/// <para>SOC at arrival is SOC_0 − d·c/(100·E). A trip that would end below the SOC floor ends at the floor: the
/// distance becomes (SOC_0 − SOC_floor)·100·E/c and the EV is listed in <see cref="FleetSample.ClampedArrivalIds"/>,
/// so every EV satisfies SOC_arr = SOC_0 − d·c/(100·E) with its own c.</para>
/// <para>EVs are drawn in fixed blocks of 4 096, each with its own xoshiro256** generator (MathNet
/// <see cref="Xoshiro256StarStar"/>) seeded from (seed, block index) by SplitMix64, so blocks can run in parallel
/// and the fleet is identical for any thread count.</para>
/// </remarks>
public sealed class FleetSampler
{
    /// <summary>EVs per generator block.</summary>
    public const int BlockSize = 4096;

    /// <summary>Samples a fleet.</summary>
    /// <param name="options">Options (fleet size, mix, seed, buses, policy).</param>
    /// <returns>The fleet and the EVs whose targets were capped.</returns>
    public FleetSample Sample(FleetSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Mix is null)
        {
            throw new ArgumentException("Mix must be a FleetMix, got null.", nameof(options));
        }

        if (options.EvCount < 0)
        {
            throw new ArgumentException($"EvCount must be ≥ 0, got {options.EvCount}.", nameof(options));
        }

        if (options.BusCount < 1)
        {
            throw new ArgumentException($"BusCount must be ≥ 1, got {options.BusCount}.", nameof(options));
        }

        if (!(options.MinimumStayHours > 0 && options.MinimumStayHours < 12))
        {
            throw new ArgumentException($"MinimumStayHours must lie in (0, 12) h, got {options.MinimumStayHours}.", nameof(options));
        }

        options.SocLimits.Validate();
        double[]? busCdf = null;
        if (options.BusWeights is { } weights)
        {
            if (weights.Count != options.BusCount)
            {
                throw new ArgumentException($"BusWeights holds {weights.Count} weights but BusCount is {options.BusCount}.", nameof(options));
            }

            busCdf = Cdf(weights, "BusWeights");
        }

        var n = options.EvCount;
        var typeOf = new int[n];
        var counts = options.Mix.Apportion(n);
        for (int t = 0, i = 0; t < counts.Length; t++)
        {
            for (var c = 0; c < counts[t]; c++)
            {
                typeOf[i++] = t;
            }
        }

        var types = options.Mix.Entries.Select(e => e.Type).ToArray();
        var windowCdf = types.Select(t => Cdf(t.Windows.Select(w => w.Weight).ToArray(), "Windows.Weight")).ToArray();

        var id = new int[n];
        var kind = new EvKind[n];
        var arrival = new double[n];
        var departure = new double[n];
        var battery = new double[n];
        var socArr = new double[n];
        var socTarget = new double[n];
        var chargeKw = new double[n];
        var dischargeKw = new double[n];
        var etaC = new double[n];
        var etaD = new double[n];
        var v2g = new bool[n];
        var bus = new int[n];
        var distance = new double[n];
        var capped = new bool[n];
        var clamped = new bool[n];

        var blocks = (n + BlockSize - 1) / BlockSize;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 };
        var limits = options.SocLimits;
        var blockError = new string?[blocks];
        var minStay = options.MinimumStayHours;
        Parallel.For(0, blocks, parallel, b =>
        {
            var rng = new Xoshiro256StarStar(BlockSeed(options.Seed, b), false);
            var end = Math.Min(n, (b + 1) * BlockSize);
            for (var i = b * BlockSize; i < end; i++)
            {
                var type = types[typeOf[i]];
                var window = type.Windows[Pick(windowCdf[typeOf[i]], rng.NextDouble())];
                var length = window.LengthHours;
                var depFixed = window.DepartureStdDevHours == 0;
                var depMeanOff = window.Offset(window.DepartureMeanHour);
                if (depMeanOff == 0)
                {
                    depMeanOff = length;
                }

                var arrHi = (depFixed ? depMeanOff : length) - minStay;
                var arrOff = Truncated(rng, window.Offset(window.ArrivalMeanHour), window.ArrivalStdDevHours, 0, arrHi);
                var depOff = depFixed
                    ? depMeanOff
                    : Truncated(rng, depMeanOff, window.DepartureStdDevHours, arrOff + minStay, length);
                var arr = (window.StartHour + arrOff) % 24.0;
                id[i] = i;
                kind[i] = type.Kind;
                arrival[i] = arr;
                departure[i] = arr + (depOff - arrOff);
                battery[i] = type.BatteryKwh;
                chargeKw[i] = type.ChargeKw;
                etaC[i] = type.EtaCharge;
                etaD[i] = type.EtaDischarge;

                var d = type.DistanceLogStdDev > 0
                    ? LogNormal.Sample(rng, type.DistanceLogMean, type.DistanceLogStdDev)
                    : Math.Exp(type.DistanceLogMean);
                var consumption = ContinuousUniform.Sample(rng, type.ConsumptionMinKwhPer100Km, type.ConsumptionMaxKwhPer100Km);
                var soc = type.SocAfterLastCharge - d * consumption / (100.0 * type.BatteryKwh);
                var floor = Math.Min(limits.Min, type.SocAfterLastCharge);
                if (soc < floor)
                {
                    // The driver stops at the reserve: keep the floor and the distance that reaches it.
                    soc = floor;
                    d = (type.SocAfterLastCharge - floor) * 100.0 * type.BatteryKwh / consumption;
                    clamped[i] = true;
                }

                distance[i] = d;
                socArr[i] = soc;
                var target = ContinuousUniform.Sample(rng, type.DepartureSocMin, type.DepartureSocMax);
                socTarget[i] = Math.Min(target, Math.Max(limits.Max, socArr[i]));
                var willing = rng.NextDouble() < type.V2gWillingness;
                v2g[i] = willing && type.DischargeKw > 0;
                dischargeKw[i] = v2g[i] ? type.DischargeKw : 0.0;
                bus[i] = busCdf is null ? i % options.BusCount : Pick(busCdf, rng.NextDouble());

                var storable = chargeKw[i] * etaC[i] * (departure[i] - arrival[i]);
                if ((socTarget[i] - socArr[i]) * battery[i] > storable)
                {
                    if (options.InfeasibleTargets == InfeasibleTargetPolicy.Throw)
                    {
                        blockError[b] ??= string.Create(CultureInfo.InvariantCulture,
                            $"EV {i} ({type.Name}): plugged in {departure[i] - arrival[i]:F2} h at {chargeKw[i]} kW can store {storable:F2} kWh, short of the {(socTarget[i] - socArr[i]) * battery[i]:F2} kWh needed to go from SOC {socArr[i]:F3} to {socTarget[i]:F3}.");
                    }

                    socTarget[i] = socArr[i] + storable / battery[i] * (1 - 1e-12);
                    capped[i] = true;
                }
            }
        });

        foreach (var message in blockError)
        {
            if (message is not null)
            {
                throw new ArgumentException(message, nameof(options));
            }
        }

        var cappedIds = new List<int>();
        var clampedIds = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (capped[i])
            {
                cappedIds.Add(i);
            }

            if (clamped[i])
            {
                clampedIds.Add(i);
            }
        }

        var fleet = new EvFleet(id, kind, arrival, departure, battery, socArr, socTarget, chargeKw, dischargeKw, etaC,
            etaD, v2g, bus, distance, limits);
        return new FleetSample(fleet, cappedIds, options.Seed) { ClampedArrivalIds = clampedIds };
    }

    /// <summary>Seed of block <paramref name="block"/>: SplitMix64 of (seed, block), folded to 32 bits.</summary>
    internal static int BlockSeed(int seed, int block)
    {
        var z = unchecked(((ulong)(uint)seed << 32) ^ (ulong)(uint)block) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return unchecked((int)(z ^ (z >> 32)));
    }

    /// <summary>
    /// One draw of N(<paramref name="mean"/>, <paramref name="sd"/>²) truncated to [<paramref name="lo"/>,
    /// <paramref name="hi"/>] by inversion: x = μ + σ·Φ⁻¹(Φ(α) + u·(Φ(β) − Φ(α))), one uniform u per draw.
    /// </summary>
    private static double Truncated(Random rng, double mean, double sd, double lo, double hi)
    {
        if (hi <= lo)
        {
            return lo;
        }

        if (sd == 0)
        {
            return Math.Clamp(mean, lo, hi);
        }

        return TruncatedNormalInverse(rng.NextDouble(), mean, sd, lo, hi);
    }

    /// <summary>
    /// Inverse CDF of N(μ, σ²) truncated to [lo, hi] at <paramref name="u"/> ∈ [0, 1). A window above the mean is
    /// mirrored to the lower tail, where Φ keeps full relative precision; a window so far in the tail that Φ
    /// underflows uses the exponential tail limit of the truncated normal (density ∝ e^(−α·z) on [α, β]).
    /// </summary>
    internal static double TruncatedNormalInverse(double u, double mean, double sd, double lo, double hi)
    {
        var a = (lo - mean) / sd;
        var b = (hi - mean) / sd;
        var mirror = a > 0;
        if (mirror)
        {
            (a, b) = (-b, -a);
        }

        // Now a < b and a ≤ 0: Φ(a), Φ(b) are computed without cancellation. Mirroring reverses the axis, so the
        // mirrored draw takes the CDF from the top (u = 0 still maps to lo and u → 1 to hi).
        var pa = Normal.CDF(0, 1, a);
        var pb = Normal.CDF(0, 1, b);
        double z;
        if (pb > pa && pb - pa > 1e-300)
        {
            var p = mirror ? pb - u * (pb - pa) : pa + u * (pb - pa);
            z = Normal.InvCDF(0, 1, p);
        }
        else
        {
            // Far lower tail (b ≪ 0): density ∝ e^(−|b|·t) in t = b − z ∈ [0, b − a]; invert that truncated
            // exponential (P(t ≤ τ) = v, with v = u when mirrored and 1 − u otherwise).
            var rate = -b;
            var v = mirror ? u : 1 - u;
            var t = -Math.Log(1 - v * -double.ExpM1(-rate * (b - a))) / rate;
            z = b - t;
        }

        z = Math.Clamp(z, a, b);
        if (mirror)
        {
            z = -z;
        }

        return Math.Clamp(mean + sd * z, lo, hi);
    }

    private static int Pick(double[] cdf, double u)
    {
        for (var i = 0; i < cdf.Length - 1; i++)
        {
            if (u < cdf[i])
            {
                return i;
            }
        }

        return cdf.Length - 1;
    }

    private static double[] Cdf(IReadOnlyList<double> weights, string field)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            if (!(w > 0) || double.IsInfinity(w))
            {
                throw new ArgumentException($"{field}: every weight must be finite and > 0, got {w}.");
            }

            total += w;
        }

        var cdf = new double[weights.Count];
        var acc = 0.0;
        for (var i = 0; i < cdf.Length; i++)
        {
            acc += weights[i];
            cdf[i] = acc / total;
        }

        return cdf;
    }
}
