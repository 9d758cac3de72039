using System.Globalization;

namespace EvGrid.Optimization.Fleet;

/// <summary>
/// An immutable fleet of EV plug-in sessions stored as flat arrays (one entry per EV), validated when built.
/// </summary>
/// <remarks>
/// Building a fleet checks that every SOC lies in [0, 1], that departure follows arrival by at most 24 h, that the
/// departure target does not exceed the SOC ceiling, and that every EV can reach its departure target within its
/// plug-in window at full power (<c>(SOC_dep − SOC_arr)·E ≤ P_c·η_c·T_lim</c>); otherwise an
/// <see cref="ArgumentException"/> names the EV and why. A valid fleet therefore always admits a feasible schedule,
/// which is what the schedule repair operator relies on.
/// An EV that arrives below the SOC floor (or above the ceiling) uses its arrival SOC as its own floor (ceiling):
/// it must not go lower, but is not counted as a violation for starting there.
/// </remarks>
public sealed class EvFleet
{
    private readonly int[] _id;
    private readonly EvKind[] _kind;
    private readonly double[] _arrival;
    private readonly double[] _departure;
    private readonly double[] _battery;
    private readonly double[] _socArrival;
    private readonly double[] _socTarget;
    private readonly double[] _chargeKw;
    private readonly double[] _dischargeKw;
    private readonly double[] _etaC;
    private readonly double[] _etaD;
    private readonly bool[] _v2g;
    private readonly int[] _bus;
    private readonly double[] _distance;

    /// <summary>Builds a fleet from sessions and validates it.</summary>
    /// <param name="sessions">The EVs.</param>
    /// <param name="socLimits">SOC bounds (default seed 000's [0.1, 0.95]).</param>
    public EvFleet(IEnumerable<EvSession> sessions, SocLimits? socLimits = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var list = sessions as IReadOnlyList<EvSession> ?? [.. sessions];
        var n = list.Count;
        _id = new int[n];
        _kind = new EvKind[n];
        _arrival = new double[n];
        _departure = new double[n];
        _battery = new double[n];
        _socArrival = new double[n];
        _socTarget = new double[n];
        _chargeKw = new double[n];
        _dischargeKw = new double[n];
        _etaC = new double[n];
        _etaD = new double[n];
        _v2g = new bool[n];
        _bus = new int[n];
        _distance = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = list[i];
            _id[i] = s.Id;
            _kind[i] = s.Kind;
            _arrival[i] = s.ArrivalHour;
            _departure[i] = s.DepartureHour;
            _battery[i] = s.BatteryKwh;
            _socArrival[i] = s.SocArrival;
            _socTarget[i] = s.SocDepartureMin;
            _chargeKw[i] = s.ChargeKw;
            _dischargeKw[i] = s.V2g ? s.DischargeKw : 0.0;
            _etaC[i] = s.EtaCharge;
            _etaD[i] = s.EtaDischarge;
            _v2g[i] = s.V2g;
            _bus[i] = s.Bus;
            _distance[i] = s.DistanceKm;
        }

        SocLimits = socLimits ?? SocLimits.Seed000;
        Validate();
    }

    internal EvFleet(
        int[] id, EvKind[] kind, double[] arrival, double[] departure, double[] battery, double[] socArrival,
        double[] socTarget, double[] chargeKw, double[] dischargeKw, double[] etaC, double[] etaD, bool[] v2g,
        int[] bus, double[] distance, SocLimits limits)
    {
        (_id, _kind, _arrival, _departure, _battery, _socArrival, _socTarget) = (id, kind, arrival, departure, battery, socArrival, socTarget);
        (_chargeKw, _dischargeKw, _etaC, _etaD, _v2g, _bus, _distance) = (chargeKw, dischargeKw, etaC, etaD, v2g, bus, distance);
        SocLimits = limits;
        Validate();
    }

    /// <summary>Number of EVs.</summary>
    public int Count => _id.Length;

    /// <summary>SOC bounds of seed 000 eq. (15) / seed 002 eq. (28).</summary>
    public SocLimits SocLimits { get; }

    /// <summary>Number of buses/regions: one more than the largest bus index (0 for an empty fleet).</summary>
    public int BusCount { get; private set; }

    /// <summary>EV identifiers.</summary>
    public ReadOnlySpan<int> Ids => _id;

    /// <summary>EV categories.</summary>
    public ReadOnlySpan<EvKind> Kinds => _kind;

    /// <summary>Plug-in times (h, clock time in [0, 24)).</summary>
    public ReadOnlySpan<double> ArrivalHours => _arrival;

    /// <summary>Plug-out times (h, in (arrival, arrival + 24]).</summary>
    public ReadOnlySpan<double> DepartureHours => _departure;

    /// <summary>Battery capacities (kWh).</summary>
    public ReadOnlySpan<double> BatteryKwh => _battery;

    /// <summary>SOC at plug-in (fraction).</summary>
    public ReadOnlySpan<double> SocArrival => _socArrival;

    /// <summary>User's minimum SOC at departure (fraction).</summary>
    public ReadOnlySpan<double> SocDepartureMin => _socTarget;

    /// <summary>Maximum charging power at the grid connection (kW).</summary>
    public ReadOnlySpan<double> ChargeKw => _chargeKw;

    /// <summary>Maximum discharging power at the grid connection (kW); 0 for EVs not in V2G.</summary>
    public ReadOnlySpan<double> DischargeKw => _dischargeKw;

    /// <summary>Charging efficiencies η_c.</summary>
    public ReadOnlySpan<double> EtaCharge => _etaC;

    /// <summary>Discharging efficiencies η_d.</summary>
    public ReadOnlySpan<double> EtaDischarge => _etaD;

    /// <summary>V2G willingness per EV.</summary>
    public ReadOnlySpan<bool> V2g => _v2g;

    /// <summary>Bus/region index per EV.</summary>
    public ReadOnlySpan<int> Buses => _bus;

    /// <summary>Distance since the last charge (km).</summary>
    public ReadOnlySpan<double> DistanceKm => _distance;

    /// <summary>The session of EV <paramref name="index"/>.</summary>
    /// <param name="index">Position in the fleet (0-based).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, <see cref="Count"/>).</exception>
    public EvSession this[int index] => new(
        _id[CheckIndex(index)], _kind[index], _arrival[index], _departure[index], _battery[index], _socArrival[index],
        _socTarget[index], _chargeKw[index], _dischargeKw[index], _etaC[index], _etaD[index], _v2g[index],
        _bus[index], _distance[index]);

    /// <summary>Battery energy EV <paramref name="index"/> must gain to reach its departure target (kWh, ≥ 0).</summary>
    /// <param name="index">Position in the fleet.</param>
    /// <returns>(SOC_dep − SOC_arr)⁺ · E.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, <see cref="Count"/>).</exception>
    public double EnergyNeedKwh(int index) => Math.Max(0.0, (_socTarget[CheckIndex(index)] - _socArrival[index]) * _battery[index]);

    /// <summary>SOC floor of EV <paramref name="index"/>: min(SocLimits.Min, SOC at arrival).</summary>
    /// <param name="index">Position in the fleet.</param>
    /// <returns>The floor.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, <see cref="Count"/>).</exception>
    public double SocFloor(int index) => Math.Min(SocLimits.Min, _socArrival[CheckIndex(index)]);

    /// <summary>SOC ceiling of EV <paramref name="index"/>: max(SocLimits.Max, SOC at arrival).</summary>
    /// <param name="index">Position in the fleet.</param>
    /// <returns>The ceiling.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, <see cref="Count"/>).</exception>
    public double SocCeiling(int index) => Math.Max(SocLimits.Max, _socArrival[CheckIndex(index)]);

    /// <summary>Returns <paramref name="index"/> when it is a position in the fleet; otherwise throws naming it and the range.</summary>
    private int CheckIndex(int index)
    {
        if ((uint)index >= (uint)_id.Length)
        {
            ThrowIndex(index, _id.Length);
        }

        return index;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowIndex(int index, int count) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"EV index must be in [0, {count}) (the fleet has {count} EVs), got {index}.");

    /// <summary>Places the fleet on a slot grid of the day (e.g. 24 one-hour or 96 quarter-hour slots).</summary>
    /// <param name="slotMinutes">Slot length (min); must divide 1 440.</param>
    /// <returns>The fleet's plug-in windows on that grid.</returns>
    public FleetTimeline OnSlots(int slotMinutes) => new(this, slotMinutes);

    private void Validate()
    {
        SocLimits.Validate();
        var maxBus = -1;
        foreach (var b in _bus)
        {
            maxBus = Math.Max(maxBus, b);
        }

        BusCount = maxBus + 1;
        for (var i = 0; i < _id.Length; i++)
        {
            var who = new Who(_id[i], _kind[i]);
            Range(_arrival[i], 0, 24, false, "ArrivalHour", who);
            if (!(_departure[i] > _arrival[i] && _departure[i] <= _arrival[i] + 24))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{who}: DepartureHour {_departure[i]} must lie after ArrivalHour {_arrival[i]} and at most 24 h later (use hours past 24 for the next day)."));
            }

            Positive(_battery[i], "BatteryKwh", who);
            Positive(_chargeKw[i], "ChargeKw", who);
            if (!(_dischargeKw[i] >= 0) || double.IsInfinity(_dischargeKw[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{who}: DischargeKw must be finite and ≥ 0, got {_dischargeKw[i]}."));
            }

            Range(_socArrival[i], 0, 1, true, "SocArrival", who);
            Range(_socTarget[i], 0, 1, true, "SocDepartureMin", who);
            if (!(_etaC[i] > 0 && _etaC[i] <= 1))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{who}: EtaCharge must lie in (0, 1], got {_etaC[i]}."));
            }

            if (!(_etaD[i] > 0 && _etaD[i] <= 1))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{who}: EtaDischarge must lie in (0, 1], got {_etaD[i]}."));
            }

            if (_bus[i] < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{who}: Bus must be ≥ 0, got {_bus[i]}."));
            }

            if (_socTarget[i] > SocCeiling(i) + 1e-12)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{who}: SocDepartureMin {_socTarget[i]} exceeds the SOC ceiling {SocCeiling(i)} (seed 000 eq. (16))."));
            }

            var need = EnergyNeedKwh(i);
            var window = _departure[i] - _arrival[i];
            var capacity = _chargeKw[i] * _etaC[i] * window;
            if (need > capacity * (1 + 1e-12) + 1e-12)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{who}: needs {need:F2} kWh to go from SOC {_socArrival[i]:F3} to {_socTarget[i]:F3} but can store at most {capacity:F2} kWh in its {window:F2} h plug-in window ({_chargeKw[i]} kW × η_c {_etaC[i]}); lower its departure SOC or lengthen its window."));
            }
        }
    }

    private static void Positive(double value, string field, Who who)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{who}: {field} must be finite and > 0, got {value}."));
        }
    }

    private static void Range(double value, double lo, double hi, bool closed, string field, Who who)
    {
        var ok = closed ? value >= lo && value <= hi : value >= lo && value < hi;
        if (!ok)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{who}: {field} must lie in [{lo}, {hi}{(closed ? "]" : ")")}, got {value}."));
        }
    }

    /// <summary>Names an EV in messages; formatted only when a message is built.</summary>
    private readonly record struct Who(int Id, EvKind Kind)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"EV {Id} ({Kind})");
    }
}
