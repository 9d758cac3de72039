using System.Globalization;
using EvGrid.Optimization.Fleet;

namespace EvGrid.Optimization.Planning.Scheduling;

/// <summary>
/// Exact valley filling: the schedule of minimum load variance f1 (seed 000 eq. (10)) for a fleet and a base load,
/// with an optimality certificate. The baseline the metaheuristics of seed 000 are measured against.
/// </summary>
/// <remarks>
/// <para>f1(p) = Σ_t (B_t + Σ_i p_{i,t} − P̄)², P̄ = (1/T) Σ_t (B_t + Σ_i p_{i,t}), is convex in the powers and its
/// gradient is ∂f1/∂p_{i,t} = 2 (L_t − P̄) with L the total load. The feasible set is a product of one set X_i per EV:
/// power limits scaled by the plugged-in share of each slot (as <see cref="ScheduleChecker"/> checks them), SOC
/// within [floor, ceiling] after every step and at least the departure target at plug-out (seed 000 eqs. (15)–(17)).</para>
/// <para>Method: block-coordinate descent over the EVs in fleet order (iterated exact best responses). A charge-only
/// EV's SOC rises monotonically, so its set reduces to 0 ≤ p_t ≤ P_c·f_t and an energy interval; its best response,
/// with the daily mean free, is a water-filling level found exactly from the sorted breakpoints. A V2G EV's power is
/// split p = c − d (c, d ≥ 0), which makes the SOC path constraints linear; its best response is the exact Euclidean
/// projection of (P̄ − others' load) onto that set, computed by the dynamic programme of <c>StorageDp</c>. After
/// every sweep the Frank–Wolfe duality gap is computed with exact linear minimisations (a greedy fill of the cheapest
/// slots for charge-only EVs, the same dynamic programme in its linear form for V2G EVs); the solver stops when the
/// gap is at most <see cref="ValleyFillingOptions.Tolerance"/> × f1. Sweeps after the first skip EVs whose own share
/// of the gap is below a tenth of the average share. Everything is sequential and in fleet order, so results are
/// deterministic.</para>
/// <para>Acceleration: with discharge, the V2G EVs are first swept as charge-only EVs (a feasible subset) so the storage
/// sweeps start from the charge-only optimum; after each sweep an exact line search moves every EV on along its own
/// move, each up to twice it and never out of its set (a ratio test on the linear bounds), with the step minimising
/// f1 in closed form (f1 is quadratic along the segment through the aggregate). A V2G response with a fixed mean is
/// corrected by secant steps on the mean when the error this causes, T·(m − μ)², is not negligible.</para>
/// <para>Bound: every gap measured on the full relaxation gives f1 − gap ≤ f1* of the relaxation ≤ f1* of the true
/// problem; the largest is <see cref="ValleyFillingResult.LowerBoundKw2"/>, valid whether or not the relaxation is
/// tight.</para>
/// <para>The c/d split is a relaxation of "one signed power per slot": it lets a full EV charge and discharge in the
/// same slot and so burn energy in its losses, which lowers f1 when that slot is still below the mean. If the relaxed
/// optimum does so, each such EV's slots are restricted to the direction they net to (a convex, tight subset) and the
/// sweeps resume there; <see cref="ValleyFillingResult.RelaxationTight"/> is then false and the gap, still measured
/// against the relaxation (a lower bound on the true optimum), is reported as it is. The returned schedule always
/// carries one signed power per slot with each slot's battery energy change, so its SOC path is the optimiser's.</para>
/// <para>Cost: a charge-only best response or linear minimisation is O(n log n) for n slots of the EV's window; a V2G
/// one is O(n²) (the dynamic programme's graphs grow by at most 22 points a step). A sweep is O(Σ_i n_i²).</para>
/// </remarks>
public sealed class ValleyFillingSolver
{
    private readonly ValleyFillingOptions _options;

    /// <summary>Largest extrapolation of one EV's sweep move (in units of that move).</summary>
    private const double MaxReach = 2;

    /// <summary>Creates a solver.</summary>
    /// <param name="options">Settings; null for the defaults.</param>
    public ValleyFillingSolver(ValleyFillingOptions? options = null)
    {
        _options = options ?? new ValleyFillingOptions();
        _options.Validate();
    }

    /// <summary>The settings.</summary>
    public ValleyFillingOptions Options => _options;

    /// <summary>Computes the minimum-variance schedule.</summary>
    /// <param name="timeline">The fleet on its slot grid.</param>
    /// <param name="baseKw">Base (non-EV) load per day slot (kW), T values.</param>
    /// <param name="cancellationToken">Checked once per sweep.</param>
    /// <returns>The schedule, its load, f1, the peak and the certificate.</returns>
    /// <exception cref="ArgumentException">A base value is not finite, the base has the wrong length, or an EV cannot
    /// store its energy need in its plug-in window.</exception>
    public ValleyFillingResult Solve(FleetTimeline timeline, ReadOnlySpan<double> baseKw, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var t = timeline.SlotsPerDay;
        if (baseKw.Length != t)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"baseKw holds {baseKw.Length} values, expected one per day slot ({t})."), nameof(baseKw));
        }

        for (var s = 0; s < t; s++)
        {
            if (!double.IsFinite(baseKw[s]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"baseKw[{s}] must be a finite number (kW), got {baseKw[s]}."), nameof(baseKw));
            }
        }

        var run = new Run(timeline, baseKw, _options);
        return run.Execute(cancellationToken);
    }

    /// <summary>The state of one solve: flat per-EV arrays in session order, allocated once.</summary>
    private sealed class Run
    {
        private readonly FleetTimeline _tl;
        private readonly ValleyFillingOptions _opt;
        private readonly int _t;
        private readonly int _n;
        private readonly int _w;
        private readonly double[] _base;
        private readonly double[] _load;
        private readonly double[] _grad;
        private readonly int[] _slot;
        private readonly double[] _up;
        private readonly double[] _down;
        private readonly double[] _upR;
        private readonly double[] _downR;
        private double[] _upA;
        private double[] _downA;
        private readonly double[] _p;
        private readonly double[] _c;
        private readonly double[] _d;
        private readonly double[] _p0;
        private readonly double[] _c0;
        private readonly double[] _d0;
        private readonly double[] _dir;
        private readonly double[] _reach;
        private readonly double[] _lo;
        private readonly double[] _hi;
        private readonly double[] _alpha;
        private readonly double[] _beta;
        private readonly double[] _sMin;
        private readonly double[] _sMax;
        private readonly double[] _s0;
        private readonly bool[] _storage;
        private readonly bool[] _wasStorage;
        private bool _boundValid;
        private double _lowerBound;
        private readonly double[] _evGap;
        private readonly double[] _keys;
        private readonly int[] _events;
        private readonly int[] _order;
        private readonly double[] _coef;
        private readonly double[] _bc;
        private readonly double[] _bd;
        private readonly StorageDp _dp;

        public Run(FleetTimeline timeline, ReadOnlySpan<double> baseKw, ValleyFillingOptions options)
        {
            _tl = timeline;
            _opt = options;
            _t = timeline.SlotsPerDay;
            _n = timeline.EvCount;
            _w = Math.Max(1, timeline.MaxSlotCount);
            _base = baseKw.ToArray();
            _load = new double[_t];
            _grad = new double[_t];
            var size = _n * _w;
            _slot = new int[size];
            _up = new double[size];
            _down = new double[size];
            _upR = new double[size];
            _downR = new double[size];
            _upA = _up;
            _downA = _down;
            _p = new double[size];
            _c = new double[size];
            _d = new double[size];
            _p0 = new double[size];
            _c0 = new double[size];
            _d0 = new double[size];
            _dir = new double[_t];
            _reach = new double[_n];
            _lo = new double[size];
            _hi = new double[size];
            _alpha = new double[_n];
            _beta = new double[_n];
            _sMin = new double[_n];
            _sMax = new double[_n];
            _s0 = new double[_n];
            _storage = new bool[_n];
            _wasStorage = new bool[_n];
            _evGap = new double[_n];
            _keys = new double[2 * _w];
            _events = new int[2 * _w];
            _order = new int[_w];
            _coef = new double[_w];
            _bc = new double[_w];
            _bd = new double[_w];
            _dp = new StorageDp(_w);
            Prepare();
        }

        private void Prepare()
        {
            var fleet = _tl.Fleet;
            var dt = _tl.SlotHours;
            for (var i = 0; i < _n; i++)
            {
                var m = _tl.SlotCount[i];
                var off = i * _w;
                var e = fleet.BatteryKwh[i];
                var v2g = _opt.AllowDischarge && fleet.V2g[i] && fleet.DischargeKw[i] > 0;
                _storage[i] = v2g;
                _alpha[i] = fleet.EtaCharge[i] * dt;
                _beta[i] = dt / fleet.EtaDischarge[i];
                var capacity = 0.0;
                for (var k = 0; k < m; k++)
                {
                    var f = _tl.Fraction(i, k);
                    _slot[off + k] = _tl.DaySlot(i, k);
                    _up[off + k] = fleet.ChargeKw[i] * f;
                    _down[off + k] = v2g ? fleet.DischargeKw[i] * f : 0;
                    capacity += _up[off + k];
                }

                var need = fleet.EnergyNeedKwh(i);
                var storable = capacity * _alpha[i];
                if (need > storable * (1 + 1e-12))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"EV {fleet.Ids[i]}: needs {need} kWh to reach SOC {fleet.SocDepartureMin[i]} but its plug-in window on the {_tl.SlotMinutes}-min grid stores at most {storable} kWh ({fleet.ChargeKw[i]} kW × η_c {fleet.EtaCharge[i]})."),
                        "timeline");
                }

                _sMin[i] = Math.Min(need / _alpha[i], capacity);
                _sMax[i] = Math.Max(_sMin[i], Math.Min(capacity, Math.Max(0, (fleet.SocCeiling(i) - fleet.SocArrival[i]) * e / _alpha[i])));
                _s0[i] = fleet.SocArrival[i] * e;
                for (var k = 0; k < m; k++)
                {
                    _lo[off + k] = fleet.SocFloor(i) * e;
                    _hi[off + k] = fleet.SocCeiling(i) * e;
                }

                _lo[off + m - 1] = Math.Max(fleet.SocFloor(i), fleet.SocDepartureMin[i]) * e;

                // Start from plug-and-charge: feasible for every valid EV.
                var remaining = _sMin[i];
                for (var k = 0; k < m; k++)
                {
                    var q = Math.Min(_up[off + k], remaining);
                    _p[off + k] = q;
                    _c[off + k] = q;
                    remaining -= q;
                }
            }
        }

        public ValleyFillingResult Execute(CancellationToken token)
        {
            RebuildLoad();
            var iterations = 0;
            WarmStart(ref iterations, token);
            Sweep(ref iterations, token);

            // Phase 2: an EV whose relaxed optimum charges and discharges in one slot keeps, in each slot, only the
            // direction it nets to there; the restricted set is convex and tight, and the sweeps resume on it.
            for (var round = 0; round < 8 && iterations < _opt.MaxIterations; round++)
            {
                var restricted = false;
                for (var i = 0; i < _n; i++)
                {
                    if (!_storage[i] || IsTight(i))
                    {
                        continue;
                    }

                    if (!restricted && ReferenceEquals(_upA, _up))
                    {
                        _up.CopyTo(_upR, 0);
                        _down.CopyTo(_downR, 0);
                    }

                    restricted = true;
                    _upA = _upR;
                    _downA = _downR;
                    var off = i * _w;
                    for (var k = 0; k < _tl.SlotCount[i]; k++)
                    {
                        if (_c[off + k] >= _d[off + k])
                        {
                            _downR[off + k] = 0;
                        }
                        else
                        {
                            _upR[off + k] = 0;
                        }
                    }
                }

                if (!restricted)
                {
                    break;
                }

                Sweep(ref iterations, token);
            }

            // Tight only if the relaxed optimum itself was (no EV needed the restriction).
            var tight = ReferenceEquals(_upA, _up);
            _upA = _up;
            _downA = _down;

            // One signed power per slot, keeping each slot's battery change (identical where the relaxation is tight).
            for (var i = 0; i < _n; i++)
            {
                if (!_storage[i])
                {
                    continue;
                }

                tight &= IsTight(i);
                var off = i * _w;
                for (var k = 0; k < _tl.SlotCount[i]; k++)
                {
                    var x = (_alpha[i] * _c[off + k]) - (_beta[i] * _d[off + k]);
                    _p[off + k] = x >= 0 ? Math.Min(x / _alpha[i], _up[off + k]) : Math.Max(x / _beta[i], -_down[off + k]);
                }
            }

            RebuildLoad();
            var (f1, g, sq) = Certificate();
            var converged = g <= _opt.Tolerance * f1 || g <= 1e-13 * sq;
            var schedule = new ChargeSchedule(_tl);
            var ev = new double[_t];
            for (var i = 0; i < _n; i++)
            {
                var off = i * _w;
                for (var k = 0; k < _tl.SlotCount[i]; k++)
                {
                    schedule[i, _slot[off + k]] = _p[off + k];
                    ev[_slot[off + k]] += _p[off + k];
                }
            }

            var peak = double.NegativeInfinity;
            foreach (var l in _load)
            {
                peak = Math.Max(peak, l);
            }

            var rel = f1 > 0 ? g / f1 : 0;
            var lower = Math.Min(f1, Math.Max(0, _lowerBound));
            return new ValleyFillingResult(schedule, ev, (double[])_load.Clone(), f1, peak,
                OptimalityCertificate.FrankWolfeDualityGap, g, rel, iterations, converged, tight)
            {
                LowerBoundKw2 = lower,
                RelativeBoundGap = f1 > 0 ? (f1 - lower) / f1 : 0,
            };
        }

        /// <summary>
        /// Starts the V2G EVs from the charge-only optimum (their charge-only set is a subset of their relaxed set): the
        /// cheap water-filling sweeps place the fleet's energy, and the storage sweeps only have to add the discharge.
        /// </summary>
        private void WarmStart(ref int iterations, CancellationToken token)
        {
            var any = false;
            _boundValid = false;
            for (var i = 0; i < _n; i++)
            {
                any |= _storage[i];
                _wasStorage[i] = _storage[i];
                _storage[i] = false;
            }

            if (any)
            {
                Sweep(ref iterations, token);
            }

            for (var i = 0; i < _n; i++)
            {
                _storage[i] = _wasStorage[i];
                if (!_storage[i])
                {
                    continue;
                }

                var off = i * _w;
                for (var k = 0; k < _tl.SlotCount[i]; k++)
                {
                    _c[off + k] = _p[off + k];
                    _d[off + k] = 0;
                }
            }

            _boundValid = true;
        }

        /// <summary>Best-response sweeps on the active sets until their gap meets the tolerance.</summary>
        private void Sweep(ref int iterations, CancellationToken token)
        {
            var tol = _opt.Tolerance;
            var first = true;
            var skip = 0.0;
            while (iterations < _opt.MaxIterations)
            {
                token.ThrowIfCancellationRequested();
                iterations++;
                _p.CopyTo(_p0, 0);
                _c.CopyTo(_c0, 0);
                _d.CopyTo(_d0, 0);
                for (var i = 0; i < _n; i++)
                {
                    if (!first && _evGap[i] <= skip)
                    {
                        continue;
                    }

                    if (_storage[i])
                    {
                        BestStorage(i);
                    }
                    else
                    {
                        BestChargeOnly(i);
                    }
                }

                first = false;
                RebuildLoad();
                var (f, gap, sumSq) = Certificate();
                if (gap <= tol * f || gap <= 1e-13 * sumSq)
                {
                    return;
                }

                // The certificate is taken at the sweep's point, so the point returned is always a sweep's.
                Extrapolate();

                skip = 0.1 * gap / Math.Max(1, _n);
            }
        }

        /// <summary>
        /// Exact line search along the sweep's move: x(τ) = x + τ (x − x⁰) for x⁰ the point before the sweep and x after
        /// it, τ ∈ [−1, τ_max] with τ_max the largest step keeping every EV inside its (active) set. f1 is quadratic in
        /// τ through the aggregate load only, so the minimiser is closed-form. Moves all EVs at once, which the
        /// one-EV-at-a-time sweeps cannot.
        /// </summary>
        private void Extrapolate()
        {
            Array.Clear(_dir);
            for (var i = 0; i < _n; i++)
            {
                var r = Math.Min(MaxReach, MaxStep(i));
                _reach[i] = r;
                if (r <= 0)
                {
                    continue;
                }

                var off = i * _w;
                for (var k = 0; k < _tl.SlotCount[i]; k++)
                {
                    _dir[_slot[off + k]] += r * (_p[off + k] - _p0[off + k]);
                }
            }

            double mL = 0, mD = 0;
            for (var s = 0; s < _t; s++)
            {
                mL += _load[s];
                mD += _dir[s];
            }

            mL /= _t;
            mD /= _t;
            double num = 0, den = 0;
            for (var s = 0; s < _t; s++)
            {
                var dd = _dir[s] - mD;
                num += (_load[s] - mL) * dd;
                den += dd * dd;
            }

            if (!(den > 1e-300))
            {
                return;
            }

            var theta = Math.Min(1, -num / den);
            if (theta <= 1e-9)
            {
                return;
            }

            for (var i = 0; i < _n; i++)
            {
                var tau = theta * _reach[i];
                if (tau <= 0)
                {
                    continue;
                }

                var off = i * _w;
                for (var k = 0; k < _tl.SlotCount[i]; k++)
                {
                    var j = off + k;
                    if (_storage[i])
                    {
                        _c[j] = Math.Clamp(_c[j] + (tau * (_c[j] - _c0[j])), 0, _upA[j]);
                        _d[j] = Math.Clamp(_d[j] + (tau * (_d[j] - _d0[j])), 0, _downA[j]);
                        _p[j] = _c[j] - _d[j];
                    }
                    else
                    {
                        _p[j] = Math.Clamp(_p[j] + (tau * (_p[j] - _p0[j])), 0, _upA[j]);
                    }
                }
            }

            RebuildLoad();
        }

        /// <summary>The largest τ with x_i + τ (x_i − x⁰_i) in EV i's active set (moves below 1e-12 are ignored).</summary>
        private double MaxStep(int i)
        {
            const double eps = 1e-12;
            var off = i * _w;
            var m = _tl.SlotCount[i];
            var tau = double.PositiveInfinity;
            if (_storage[i])
            {
                var soc = _s0[i];
                var dSoc = 0.0;
                for (var k = 0; k < m; k++)
                {
                    var j = off + k;
                    tau = Math.Min(tau, Ratio(_c[j], _c[j] - _c0[j], 0, _upA[j], eps));
                    tau = Math.Min(tau, Ratio(_d[j], _d[j] - _d0[j], 0, _downA[j], eps));
                    soc += (_alpha[i] * _c[j]) - (_beta[i] * _d[j]);
                    dSoc += (_alpha[i] * (_c[j] - _c0[j])) - (_beta[i] * (_d[j] - _d0[j]));
                    tau = Math.Min(tau, Ratio(soc, dSoc, _lo[j], _hi[j], eps * (1 + _hi[j])));
                }
            }
            else
            {
                var sum = 0.0;
                var dSum = 0.0;
                for (var k = 0; k < m; k++)
                {
                    var j = off + k;
                    tau = Math.Min(tau, Ratio(_p[j], _p[j] - _p0[j], 0, _upA[j], eps));
                    sum += _p[j];
                    dSum += _p[j] - _p0[j];
                }

                tau = Math.Min(tau, Ratio(sum, dSum, _sMin[i], _sMax[i], eps * (1 + _sMax[i])));
            }

            return tau;
        }

        private static double Ratio(double x, double dx, double lo, double hi, double eps)
        {
            if (dx > eps)
            {
                return Math.Max(0, (hi - x) / dx);
            }

            if (dx < -eps)
            {
                return Math.Max(0, (x - lo) / -dx);
            }

            return double.PositiveInfinity;
        }

        private bool IsTight(int i)
        {
            var off = i * _w;
            for (var k = 0; k < _tl.SlotCount[i]; k++)
            {
                if (_c[off + k] > 1e-9 && _d[off + k] > 1e-9)
                {
                    return false;
                }
            }

            return true;
        }

        private void RebuildLoad()
        {
            _base.CopyTo(_load, 0);
            for (var i = 0; i < _n; i++)
            {
                var off = i * _w;
                for (var k = 0; k < _tl.SlotCount[i]; k++)
                {
                    _load[_slot[off + k]] += _p[off + k];
                }
            }
        }

        /// <summary>f1, the Frank–Wolfe gap (per EV into _evGap) and Σ L² at the current point.</summary>
        private (double F, double Gap, double SumSq) Certificate()
        {
            var mean = 0.0;
            foreach (var l in _load)
            {
                mean += l;
            }

            mean /= _t;
            var f = 0.0;
            var sumSq = 0.0;
            for (var s = 0; s < _t; s++)
            {
                var dev = _load[s] - mean;
                f += dev * dev;
                sumSq += _load[s] * _load[s];
                _grad[s] = 2 * dev;
            }

            var gap = 0.0;
            for (var i = 0; i < _n; i++)
            {
                var g = Math.Max(0, _storage[i] ? StorageGap(i) : ChargeOnlyGap(i));
                _evGap[i] = g;
                gap += g;
            }

            // f1 − gap bounds the optimum of the set the gap was measured on; on the full relaxation that is a lower
            // bound on every feasible schedule (the relaxation contains the true set). Restricted-set and warm-start
            // gaps bound smaller sets and are not used.
            if (_boundValid && ReferenceEquals(_upA, _up))
            {
                _lowerBound = Math.Max(_lowerBound, f - gap);
            }

            return (f, gap, sumSq);
        }

        /// <summary>⟨∇f1, p_i − s_i⟩ with s_i the greedy minimiser: cheapest slots first, up to the energy bounds.</summary>
        private double ChargeOnlyGap(int i)
        {
            var off = i * _w;
            var m = _tl.SlotCount[i];
            var cur = 0.0;
            for (var k = 0; k < m; k++)
            {
                _keys[k] = _grad[_slot[off + k]];
                _order[k] = k;
                cur += _keys[k] * _p[off + k];
            }

            _keys.AsSpan(0, m).Sort(_order.AsSpan(0, m));
            var filled = 0.0;
            var best = 0.0;
            for (var j = 0; j < m; j++)
            {
                var g = _keys[j];
                var limit = g < 0 ? _sMax[i] : _sMin[i];
                if (filled >= limit)
                {
                    break;
                }

                var q = Math.Min(_upA[off + _order[j]], limit - filled);
                filled += q;
                best += g * q;
            }

            return cur - best;
        }

        private double StorageGap(int i)
        {
            var off = i * _w;
            var m = _tl.SlotCount[i];
            var cur = 0.0;
            for (var k = 0; k < m; k++)
            {
                _coef[k] = _grad[_slot[off + k]];
                cur += _coef[k] * _p[off + k];
            }

            if (!Dp(i, linear: true))
            {
                return 0;
            }

            var best = 0.0;
            for (var k = 0; k < m; k++)
            {
                best += _coef[k] * (_bc[k] - _bd[k]);
            }

            return cur - best;
        }

        private bool Dp(int i, bool linear)
        {
            var off = i * _w;
            var m = _tl.SlotCount[i];
            return _dp.Solve(m, _upA.AsSpan(off, m), _downA.AsSpan(off, m), _coef.AsSpan(0, m), linear, _alpha[i], _beta[i],
                _s0[i], _lo.AsSpan(off, m), _hi.AsSpan(off, m), _bc, _bd);
        }

        /// <summary>
        /// Best response of a V2G EV: the exact projection of (μ − others' load) onto its relaxed set, μ first the current
        /// mean P̄. With μ fixed the response ignores that its own net energy moves the mean; at the response's point p the
        /// excess over the mean-free optimum is at most T·(m(p) − μ)² with m(p) the resulting mean (Σ (x − μ)² =
        /// Σ (x − x̄)² + T (x̄ − μ)²). When that excess is not negligible against the tolerance, μ is corrected by secant
        /// steps on the monotone residual r(μ) = T·m(p(μ)) − T·μ (a few extra projections; rare in large fleets, where one
        /// EV barely moves the mean).
        /// </summary>
        private void BestStorage(int i)
        {
            var off = i * _w;
            var m = _tl.SlotCount[i];
            var total = 0.0;
            foreach (var l in _load)
            {
                total += l;
            }

            var mean = total / _t;
            var f = 0.0;
            foreach (var l in _load)
            {
                f += (l - mean) * (l - mean);
            }

            var others = total;
            for (var k = 0; k < m; k++)
            {
                others -= _p[off + k];
            }

            var floor = 0.01 * _opt.Tolerance * f / Math.Max(1, _n);
            double muA = 0, rA = 0;
            var mu = mean;
            for (var round = 0; round < 6; round++)
            {
                for (var k = 0; k < m; k++)
                {
                    _coef[k] = mu - (_load[_slot[off + k]] - _p[off + k]);
                }

                if (!Dp(i, linear: false))
                {
                    return; // cannot happen for a valid fleet; keep the current feasible row
                }

                var sum = 0.0;
                for (var k = 0; k < m; k++)
                {
                    sum += _bc[k] - _bd[k];
                }

                var r = others + sum - (_t * mu);
                if (r * r / _t <= floor)
                {
                    break;
                }

                var next = round == 0 || rA == r ? mu + (r / _t) : mu - (r * (mu - muA) / (r - rA));
                muA = mu;
                rA = r;
                mu = next;
            }

            for (var k = 0; k < m; k++)
            {
                var p = _bc[k] - _bd[k];
                _load[_slot[off + k]] += p - _p[off + k];
                _p[off + k] = p;
                _c[off + k] = _bc[k];
                _d[off + k] = _bd[k];
            }
        }

        /// <summary>Exact best response of a charge-only EV with the daily mean free: water-filling to a level λ.</summary>
        private void BestChargeOnly(int i)
        {
            var off = i * _w;
            var m = _tl.SlotCount[i];
            var total = 0.0;
            foreach (var l in _load)
            {
                total += l;
            }

            var capSum = 0.0;
            for (var k = 0; k < m; k++)
            {
                var o = _load[_slot[off + k]] - _p[off + k];
                total -= _p[off + k];
                _coef[k] = o;
                _keys[2 * k] = o;
                _events[2 * k] = 1;
                _keys[(2 * k) + 1] = o + _upA[off + k];
                _events[(2 * k) + 1] = -1;
                capSum += _upA[off + k];
            }

            var nb = 2 * m;
            _keys.AsSpan(0, nb).Sort(_events.AsSpan(0, nb));

            // Root of φ(λ) = T·λ − total − S(λ) (nondecreasing): the level that minimises f1 with the energy free.
            double sStar;
            var phi = (_t * _keys[0]) - total;
            if (phi >= 0)
            {
                sStar = 0;
            }
            else
            {
                sStar = capSum;
                var sPrev = 0.0;
                var slope = 0;
                for (var j = 1; j < nb; j++)
                {
                    slope += _events[j - 1];
                    var sj = sPrev + (slope * (_keys[j] - _keys[j - 1]));
                    var phiJ = (_t * _keys[j]) - total - sj;
                    if (phiJ >= 0)
                    {
                        var lam = _keys[j - 1] + ((-phi) / (phiJ - phi) * (_keys[j] - _keys[j - 1]));
                        sStar = sPrev + (slope * (lam - _keys[j - 1]));
                        break;
                    }

                    sPrev = sj;
                    phi = phiJ;
                }
            }

            var target = Math.Clamp(sStar, _sMin[i], _sMax[i]);
            var level = Level(nb, target, capSum);
            var sum = 0.0;
            for (var k = 0; k < m; k++)
            {
                var p = Math.Clamp(level - _coef[k], 0, _upA[off + k]);
                _p[off + k] = p;
                sum += p;
            }

            // Remove the rounding residue of the energy bound so the SOC meets it to the last bits.
            var diff = target - sum;
            for (var k = 0; k < m && Math.Abs(diff) > 0; k++)
            {
                var q = Math.Clamp(_p[off + k] + diff, 0, _upA[off + k]);
                diff -= q - _p[off + k];
                _p[off + k] = q;
            }

            for (var k = 0; k < m; k++)
            {
                _load[_slot[off + k]] = _coef[k] + _p[off + k];
            }
        }

        /// <summary>The λ with S(λ) = target on the sorted breakpoints.</summary>
        private double Level(int nb, double target, double capSum)
        {
            if (target <= 0)
            {
                return double.NegativeInfinity;
            }

            if (target >= capSum)
            {
                return double.PositiveInfinity;
            }

            var sPrev = 0.0;
            var slope = 0;
            for (var j = 1; j < nb; j++)
            {
                slope += _events[j - 1];
                var sj = sPrev + (slope * (_keys[j] - _keys[j - 1]));
                if (sj >= target && slope > 0)
                {
                    return _keys[j - 1] + ((target - sPrev) / slope);
                }

                sPrev = sj;
            }

            return double.PositiveInfinity;
        }
    }
}
