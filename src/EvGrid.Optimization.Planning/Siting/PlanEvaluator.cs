using EvGrid.Optimization.Network;
using EvGrid.Optimization.Network.Grid;
using EvGrid.Optimization.Objectives.Siting;

namespace EvGrid.Optimization.Planning.Siting;

/// <summary>One typical day of a plan: the lower level's schedule on the network and the day's figures.</summary>
/// <param name="Day">Typical-day index.</param>
/// <param name="Probability">T_l / 365.</param>
/// <param name="Profit">The day's profit terms (CNY/day).</param>
/// <param name="VoltageQuality">F_l,2 (eq. (22)).</param>
/// <param name="LoadFluctuationKw">F_l,3 (eq. (23)), kW.</param>
/// <param name="Satisfaction">F_l,4 (eq. (24)).</param>
/// <param name="Completion">c_l,wcd: accepted / requested charging energy.</param>
/// <param name="UnitCostCnyPerKwh">c_l,cb: what EV users pay per kWh charged (CNY/kWh).</param>
/// <param name="VoltageViolationPu">Σ over slots and nodes of |U| beyond the limits (eq. (26)), pu; +∞ when a power flow failed.</param>
/// <param name="Converged">Whether every slot's power flow converged.</param>
/// <param name="MinVoltagePu">Lowest node voltage of the day (pu).</param>
/// <param name="MaxVoltagePu">Highest node voltage of the day (pu).</param>
/// <param name="BranchOverloadPu">Σ over slots and branches of |I_ij| / I_ij,max − 1 where positive (eq. (27)), pu of the rating; +∞ when a power flow failed.</param>
/// <param name="MaxBranchLoading">Highest |I_ij| / I_ij,max of the day over every branch and slot (eq. (27) holds when ≤ 1); +∞ when a power flow failed.</param>
/// <param name="BaseLoadKw">Conventional demand P_L per slot (kW).</param>
/// <param name="WindKw">Wind output P_DWG per slot (kW).</param>
/// <param name="PvKw">PV output P_PV per slot (kW).</param>
/// <param name="LossKw">Network losses per slot (kW; 0 where the power flow failed).</param>
/// <param name="ChargeKw">Accepted EV charging per slot (kW).</param>
/// <param name="DischargeKw">V2G discharging per slot (kW).</param>
public sealed record DayOutcome(
    int Day,
    double Probability,
    DayProfit Profit,
    double VoltageQuality,
    double LoadFluctuationKw,
    double Satisfaction,
    double Completion,
    double UnitCostCnyPerKwh,
    double VoltageViolationPu,
    bool Converged,
    double MinVoltagePu,
    double MaxVoltagePu,
    double BranchOverloadPu,
    double MaxBranchLoading,
    IReadOnlyList<double> BaseLoadKw,
    IReadOnlyList<double> WindKw,
    IReadOnlyList<double> PvKw,
    IReadOnlyList<double> LossKw,
    IReadOnlyList<double> ChargeKw,
    IReadOnlyList<double> DischargeKw)
{
    /// <summary>DG output P_DWG + P_PV per slot (kW).</summary>
    public IReadOnlyList<double> DgKw => [.. WindKw.Select((w, t) => w + PvKw[t])];

    /// <summary>Equivalent load P_e = P_L + P_EV − P_DG per slot (eq. (13)), kW.</summary>
    public IReadOnlyList<double> NetLoadKw => [.. BaseLoadKw.Select((l, t) => l + ChargeKw[t] - DischargeKw[t] - WindKw[t] - PvKw[t])];
}

/// <summary>A plan evaluated over the typical days: F1–F4, the profit breakdown and the figures of Tables 5–7.</summary>
/// <param name="Plan">The plan.</param>
/// <param name="Scheme">The scheme whose lower level scheduled the EVs.</param>
/// <param name="Objectives">F1 (CNY/year), F2, F3 (kW), F4.</param>
/// <param name="Profit">Every term of eq. (4) (CNY/year).</param>
/// <param name="DgEnergyMwh">DG energy used per year (MWh).</param>
/// <param name="ChargingAcceptedMwh">Charging energy accepted per year (MWh).</param>
/// <param name="ChargingCompletion">Σ_l (T_l/365) c_l,wcd.</param>
/// <param name="UnitChargingCost">Σ_l (T_l/365) c_l,cb (CNY/kWh).</param>
/// <param name="DgExcessKw">Installed DG above the eq. (18) limit (kW; 0 when within).</param>
/// <param name="VoltageViolationPu">Σ_l of the days' voltage violations (pu; +∞ when a power flow failed).</param>
/// <param name="BranchOverloadPu">Σ_l of the days' branch-current overloads (eq. (27), pu of the ratings; +∞ when a power flow failed).</param>
/// <param name="MaxBranchLoading">Highest |I_ij| / I_ij,max over the typical days (≤ 1 when eq. (27) holds).</param>
/// <param name="Days">The typical days.</param>
public sealed record PlanOutcome(
    SitingPlan Plan,
    SitingScheme Scheme,
    PlanObjectives Objectives,
    ProfitBreakdown Profit,
    double DgEnergyMwh,
    double ChargingAcceptedMwh,
    double ChargingCompletion,
    double UnitChargingCost,
    double DgExcessKw,
    double VoltageViolationPu,
    double BranchOverloadPu,
    double MaxBranchLoading,
    IReadOnlyList<DayOutcome> Days)
{
    /// <summary>Whether the plan meets eq. (18), the voltage limits (eq. (26)) and the branch-current limits (eq. (27)) on every typical day.</summary>
    public bool IsFeasible => DgExcessKw <= 0 && VoltageViolationPu <= 0 && BranchOverloadPu <= 0;
}

/// <summary>
/// Evaluates plans of one <see cref="SitingModel"/> on one thread: per typical day, the lower level schedules the EV
/// clusters (seed 002 §4.2), one 24-slot power flow runs the result (DG and V2G as negative injections through the
/// <see cref="IGridTimeSeries"/> seam), and the day's F_l,1–F_l,4 follow. Owns its power-flow series and scratch
/// arrays; the figures are a pure function of the plan and the scheme.
/// </summary>
/// <remarks>
/// <para>Lower level (eqs. (20)–(30)): coordinate descent over the willing clusters. Starting from plug-and-charge,
/// each cluster in turn takes the option of its tabulated timing menu that maximises
/// f_L = w1 F_l,1 / R1 + w3 R3 / F_l,3 + w4 F_l,4 / R4 (the day's values normalised by the plug-and-charge values R
/// of the same plan and day, eq. (15) in the lower level); passes repeat until none improves (at most
/// <see cref="SitingModelOptions.LowerLevelPasses"/>). The voltage-quality term and the loss cost are held at their
/// values during the search (they need a power flow; the final schedule is power-flowed once and every figure is
/// then exact). Scheme 2 has no lower level (every EV plug-and-charge); scheme 3's lower level maximises F_l,1 only.
/// SOC and timing constraints (eqs. (28)–(30)) hold by the cluster decode; voltage limits (eq. (26)) are checked on
/// the final power flow and returned as a violation, and so are the branch-current limits |I_ij| ≤ I_ij,max of
/// eq. (27) (ratings <see cref="SitingModel.BranchRatingsA"/>): the search itself holds the network terms, so a
/// schedule that breaks a limit makes its plan infeasible for the upper level rather than being rescheduled.</para>
/// <para>Station capacity: at each station and slot the accepted charging is min(requested, capacity) and likewise
/// the discharging; c_wcd is the accepted share of the requested charging energy and c_cb the average charging price
/// paid per kWh accepted.</para>
/// </remarks>
public sealed class PlanEvaluator
{
    private readonly SitingModel _m;
    private readonly ClusterOptionTable _table;
    private readonly BalancedGridTimeSeries _series;
    private readonly SlotInjections _injections;
    private readonly GridSeriesResult _result;
    private readonly int _slots;
    private readonly int _stations;
    private readonly double[] _c;
    private readonly double[] _d;
    private readonly double[] _acT;
    private readonly double[] _adT;
    private readonly double[] _dg;
    private readonly double[] _wind;
    private readonly double[] _pv;
    private readonly double[] _cap;
    private readonly int[] _choice;
    private readonly double[] _busKw;
    private readonly double[] _inverseRating;

    internal PlanEvaluator(SitingModel model)
    {
        _m = model;
        _table = model.Options;
        _slots = model.Slots;
        _stations = model.Case.StationNodes.Count;
        _series = new BalancedGridTimeSeries(model.Network);
        _injections = new SlotInjections(_series.Connect(model.Points), _slots);
        _result = _series.CreateResult(_slots, withBranchCurrents: true);
        _inverseRating = [.. model.BranchRatingA.Select(r => 1.0 / r)];
        _c = new double[_table.Width];
        _d = new double[_table.Width];
        _acT = new double[_slots];
        _adT = new double[_slots];
        _dg = new double[_slots];
        _wind = new double[_slots];
        _pv = new double[_slots];
        _cap = new double[_stations];
        _choice = new int[_table.ClusterCount];
        _busKw = new double[_slots * model.Network.BusCount];
    }

    /// <summary>Lower-level option evaluations of the last <see cref="EvaluateDay"/> (a cost measure).</summary>
    public long LastOptionEvaluations { get; private set; }

    /// <summary>Evaluates a plan over every typical day, one after the other on this thread.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="scheme">Which lower level schedules the EVs.</param>
    /// <returns>The outcome.</returns>
    public PlanOutcome Evaluate(SitingPlan plan, SitingScheme scheme)
    {
        var days = new DayOutcome[_m.Probabilities.Count];
        for (var l = 0; l < days.Length; l++)
        {
            days[l] = EvaluateDay(plan, scheme, l);
        }

        return Combine(_m, plan, scheme, days);
    }

    /// <summary>Evaluates one typical day of a plan: lower level, power flow, the day's figures.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="scheme">Which lower level schedules the EVs.</param>
    /// <param name="day">Typical-day index.</param>
    /// <returns>The day's outcome.</returns>
    public DayOutcome EvaluateDay(SitingPlan plan, SitingScheme scheme, int day)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var c = _m.Case;
        if (plan.WindUnits.Count != c.WindNodes.Count || plan.PvUnits.Count != c.PvNodes.Count || plan.StationKw.Count != _stations)
        {
            throw new ArgumentException($"The plan does not fit case '{c.Name}' ({c.WindNodes.Count} wind, {c.PvNodes.Count} PV, {_stations} station candidates).", nameof(plan));
        }

        if ((uint)day >= (uint)_m.Probabilities.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, $"there are {_m.Probabilities.Count} typical days.");
        }

        var load = _m.BaseLoadKw[day];
        var windUnit = _m.WindUnitKw[day];
        var pvUnit = _m.PvUnitKw[day];
        var windUnits = plan.WindUnits.Sum();
        var pvUnits = plan.PvUnits.Sum();
        for (var t = 0; t < _slots; t++)
        {
            _wind[t] = windUnits * windUnit[t];
            _pv[t] = pvUnits * pvUnit[t];
            _dg[t] = _wind[t] + _pv[t];
        }

        for (var s = 0; s < _stations; s++)
        {
            _cap[s] = plan.StationKw[s];
        }

        Array.Clear(_choice);
        LastOptionEvaluations = 0;
        if (scheme != SitingScheme.PlugAndChargeMultiObjective)
        {
            var w = scheme == SitingScheme.V2gProfitOnly ? IndexWeights.ProfitOnly : c.Weights;
            Schedule(load, w);
        }

        Compose(_c, _d);
        var requested = 0.0;
        foreach (var v in _c)
        {
            requested += v;
        }

        Accept(_c, _d, _acT, _adT);
        return Finish(plan, day, load, requested);
    }

    /// <summary>Combines day outcomes into a plan outcome (eqs. (4)–(14) over the typical days).</summary>
    internal static PlanOutcome Combine(SitingModel m, SitingPlan plan, SitingScheme scheme, DayOutcome[] days)
    {
        var c = m.Case;
        var p = m.Probabilities.ToArray();
        var profits = days.Select(d => d.Profit).ToArray();
        var profit = ComprehensiveProfit.Annual(c.Economics, profits, p, plan.WindKw(c), plan.PvKw(c), plan.StationKw.ToArray());
        var f2 = VoltageQuality.Annual(p, days.Select(d => d.VoltageQuality).ToArray());
        var f3 = LoadFluctuation.Annual(p, days.Select(d => d.LoadFluctuationKw).ToArray());
        var f4 = ChargingSatisfaction.Annual(p, days.Select(d => d.Satisfaction).ToArray());
        double dg = 0, charged = 0, completion = 0, unit = 0, violation = 0, overload = 0, loading = 0;
        for (var l = 0; l < days.Length; l++)
        {
            var w = p[l] * ComprehensiveProfit.DaysPerYear;
            dg += w * (days[l].Profit.WindKwh + days[l].Profit.PvKwh) / 1000;
            charged += w * days[l].Profit.ChargedKwh / 1000;
            completion += p[l] * days[l].Completion;
            unit += p[l] * days[l].UnitCostCnyPerKwh;
            violation += days[l].VoltageViolationPu;
            overload += days[l].BranchOverloadPu;
            loading = Math.Max(loading, days[l].MaxBranchLoading);
        }

        var excess = Math.Max(0, plan.WindKw(c) + plan.PvKw(c) - c.MaxTotalDgKw);
        return new PlanOutcome(plan, scheme, new PlanObjectives(profit.TotalCny, f2, f3, f4), profit, dg, charged, completion, unit, excess, violation, overload, loading, days);
    }

    /// <summary>Coordinate descent of the lower level over the willing clusters' options.</summary>
    private void Schedule(double[] load, IndexWeights w)
    {
        var table = _table;
        Compose(_c, _d);
        // Plug-and-charge references R1, R3, R4 of the day (eq. (15) in the lower level).
        var start = Score(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, load);
        var r1 = Math.Max(Math.Abs(start.F1), 1.0);
        var r3 = start.F3 > 1e-9 ? start.F3 : 1.0;
        var r4 = start.F4 > 1e-12 ? start.F4 : 1.0;
        double J((double F1, double F3, double F4) f) => (w.W1 * f.F1 / r1) + (w.W3 * r3 / Math.Max(f.F3, 1e-9)) + (w.W4 * f.F4 / r4);
        var current = J(start);
        long count = 0;
        for (var pass = 0; pass < _m.LowerLevelPasses; pass++)
        {
            var improved = false;
            for (var k = 0; k < table.ClusterCount; k++)
            {
                var first = table.FirstOption(k);
                var end = table.EndOption(k);
                var now = first + _choice[k];
                var best = now;
                var bestJ = current;
                for (var o = first; o < end; o++)
                {
                    if (o == now)
                    {
                        continue;
                    }

                    count++;
                    var j = J(Score(table.Charge(now), table.Discharge(now), table.Charge(o), table.Discharge(o), load));
                    if (j > bestJ * (1 + 1e-12) + 1e-15)
                    {
                        bestJ = j;
                        best = o;
                    }
                }

                if (best != now)
                {
                    Swap(table.Charge(now), table.Discharge(now), table.Charge(best), table.Discharge(best));
                    _choice[k] = best - first;
                    current = bestJ;
                    improved = true;
                }
            }

            if (!improved)
            {
                break;
            }
        }

        LastOptionEvaluations = count;
    }

    /// <summary>Day objectives F_l,1 (without the loss cost), F_l,3 and F_l,4 of the current state with one cluster's
    /// rows (oldC, oldD) replaced by (newC, newD); empty spans mean the current state.</summary>
    private (double F1, double F3, double F4) Score(ReadOnlySpan<double> oldC, ReadOnlySpan<double> oldD, ReadOnlySpan<double> newC, ReadOnlySpan<double> newD, double[] load)
    {
        var T = _slots;
        var requested = 0.0;
        Array.Clear(_acT);
        Array.Clear(_adT);
        var delta = !oldC.IsEmpty;
        for (var s = 0; s < _stations; s++)
        {
            var cap = _cap[s];
            var off = s * T;
            for (var t = 0; t < T; t++)
            {
                var i = off + t;
                var cv = _c[i];
                var dv = _d[i];
                if (delta)
                {
                    cv += newC[i] - oldC[i];
                    dv += newD[i] - oldD[i];
                }

                requested += cv;
                _acT[t] += Math.Min(cv, cap);
                _adT[t] += Math.Min(dv, cap);
            }
        }

        return DayScore(load, requested);
    }

    private (double F1, double F3, double F4) DayScore(double[] load, double requestedKw)
    {
        var prices = _m.Prices;
        var ci = prices.Cost;
        var co = prices.Sale;
        var ce = prices.Charging;
        var cf = prices.DischargeCompensation;
        var e = _m.Case.Economics;
        var dt = _m.Timeline.SlotHours;
        double profit = 0, acSum = 0, adSum = 0, paid = 0, mean = 0;
        for (var t = 0; t < _slots; t++)
        {
            var ac = _acT[t];
            var ad = _adT[t];
            profit += (co[t] * load[t]) - (ci[t] * (load[t] - _dg[t] + ac - ad)) + (ce[t] * ac) - ((cf[t] + e.BatteryLossCnyPerKwh) * ad);
            acSum += ac;
            adSum += ad;
            paid += ce[t] * ac;
            mean += load[t] + ac - ad - _dg[t];
        }

        profit *= dt;
        profit += Math.Max(0, acSum - adSum) * dt * e.EvCo2CreditCnyPerKwh;
        mean /= _slots;
        var variance = 0.0;
        for (var t = 0; t < _slots; t++)
        {
            var x = load[t] + _acT[t] - _adT[t] - _dg[t] - mean;
            variance += x * x;
        }

        var completion = requestedKw > 0 ? Math.Min(1, acSum / requestedKw) : 1;
        var unit = acSum > 0 ? paid / acSum : AveragePrice(ce);
        var f4 = (_m.Case.Alpha1 * completion) + (_m.Case.Alpha2 / unit);
        return (profit, Math.Sqrt(variance / _slots), f4);
    }

    private static double AveragePrice(ReadOnlySpan<double> prices)
    {
        var s = 0.0;
        foreach (var p in prices)
        {
            s += p;
        }

        return s / prices.Length;
    }

    private void Swap(ReadOnlySpan<double> oldC, ReadOnlySpan<double> oldD, ReadOnlySpan<double> newC, ReadOnlySpan<double> newD)
    {
        for (var i = 0; i < _c.Length; i++)
        {
            _c[i] += newC[i] - oldC[i];
            _d[i] += newD[i] - oldD[i];
        }
    }

    /// <summary>Requested charge / discharge per station and slot of the current choices.</summary>
    private void Compose(double[] c, double[] d)
    {
        Array.Copy(_table.FixedChargeKw, c, c.Length);
        Array.Clear(d);
        for (var k = 0; k < _choice.Length; k++)
        {
            var o = _table.FirstOption(k) + _choice[k];
            var oc = _table.Charge(o);
            var od = _table.Discharge(o);
            for (var i = 0; i < c.Length; i++)
            {
                c[i] += oc[i];
                d[i] += od[i];
            }
        }
    }

    private void Accept(double[] c, double[] d, double[] acT, double[] adT)
    {
        Array.Clear(acT);
        Array.Clear(adT);
        for (var s = 0; s < _stations; s++)
        {
            for (var t = 0; t < _slots; t++)
            {
                acT[t] += Math.Min(c[(s * _slots) + t], _cap[s]);
                adT[t] += Math.Min(d[(s * _slots) + t], _cap[s]);
            }
        }
    }

    /// <summary>Eq. (27) on the day's power flow: Σ of |I| / I_max − 1 where positive, and the largest |I| / I_max.</summary>
    private (double Overload, double MaxLoading) BranchLoading()
    {
        var amps = _result.BranchCurrentsA;
        var m = _inverseRating.Length;
        double overload = 0, max = 0;
        for (var t = 0; t < _slots; t++)
        {
            var row = amps.Slice(t * m, m);
            for (var k = 0; k < m; k++)
            {
                var x = row[k] * _inverseRating[k];
                max = Math.Max(max, x);
                overload += Math.Max(0, x - 1);
            }
        }

        return (overload, max);
    }

    /// <summary>Power flow of the day's final schedule and every figure of the day.</summary>
    private DayOutcome Finish(SitingPlan plan, int day, double[] load, double requested)
    {
        var c = _m.Case;
        var nw = c.WindNodes.Count;
        var np = c.PvNodes.Count;
        var windUnit = _m.WindUnitKw[day];
        var pvUnit = _m.PvUnitKw[day];
        var kw = _injections.Kw;
        var points = _injections.Points;
        for (var t = 0; t < _slots; t++)
        {
            for (var i = 0; i < nw; i++)
            {
                kw[(t * points) + i] = -plan.WindUnits[i] * windUnit[t];
            }

            for (var i = 0; i < np; i++)
            {
                kw[(t * points) + nw + i] = -plan.PvUnits[i] * pvUnit[t];
            }

            for (var s = 0; s < _stations; s++)
            {
                var ac = Math.Min(_c[(s * _slots) + t], _cap[s]);
                var ad = Math.Min(_d[(s * _slots) + t], _cap[s]);
                kw[(t * points) + nw + np + s] = ac - ad;
            }
        }

        var multipliers = _m.LoadMultiplier[day];
        _series.Run(multipliers, _injections, _result);
        var converged = _result.AllConverged;
        var n = _m.Network.BusCount;
        var map = _injections.Map;
        for (var t = 0; t < _slots; t++)
        {
            for (var b = 0; b < n; b++)
            {
                _busKw[(t * n) + b] = _m.NominalBusKw[b] * multipliers[t];
            }

            for (var i = 0; i < points; i++)
            {
                _busKw[(t * n) + map.VoltagePointIndex(i)] += kw[(t * points) + i];
            }
        }

        var limits = c.VoltageLimits;
        var volts = _result.VoltagesPu;
        double violation = 0, vmin = double.PositiveInfinity, vmax = double.NegativeInfinity;
        var slack = _m.Network.SlackIndex;
        for (var t = 0; t < _slots; t++)
        {
            for (var b = 0; b < n; b++)
            {
                if (b == slack)
                {
                    continue;
                }

                var u = volts[(t * n) + b];
                vmin = Math.Min(vmin, u);
                vmax = Math.Max(vmax, u);
                violation += Math.Max(0, limits.MinPu - u) + Math.Max(0, u - limits.MaxPu);
            }
        }

        var loss = new double[_slots];
        var quality = 0.0;
        double overload = 0, loading = 0;
        if (converged)
        {
            _result.LossesKw.CopyTo(loss);
            quality = VoltageQuality.Day(volts, _busKw, n, limits);
            (overload, loading) = BranchLoading();
        }
        else
        {
            violation = double.PositiveInfinity;
            overload = double.PositiveInfinity;
            loading = double.PositiveInfinity;
        }

        var charge = _acT.ToArray();
        var discharge = _adT.ToArray();
        var profit = ComprehensiveProfit.Day(c.Economics, _m.Prices, load, _wind, _pv, charge, discharge, loss, _m.Timeline.SlotHours);
        var (_, f3, f4) = DayScore(load, requested);
        var accepted = charge.Sum();
        var completion = requested > 0 ? Math.Min(1, accepted / requested) : 1;
        var unit = accepted > 0 ? _m.Prices.Charging.ToArray().Zip(charge, (p, a) => p * a).Sum() / accepted : AveragePrice(_m.Prices.Charging);
        return new DayOutcome(day, _m.Probabilities[day], profit, quality, f3, f4, completion, unit, violation, converged,
            vmin, vmax, overload, loading, load.ToArray(), _wind.ToArray(), _pv.ToArray(), loss, charge, discharge);
    }
}
