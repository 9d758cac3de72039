using System.Globalization;

namespace EvGrid.Optimization.Fleet;

/// <summary>Time-of-use period.</summary>
public enum TouPeriod
{
    /// <summary>Valley (off-peak) period.</summary>
    Valley = 0,

    /// <summary>Normal (shoulder) period.</summary>
    Normal = 1,

    /// <summary>Peak period.</summary>
    Peak = 2,
}

/// <summary>Which of the four prices of seed 002 Table 1 to read.</summary>
public enum TouPriceKind
{
    /// <summary>Electricity cost price c_i(t): what the distribution company pays (CNY/kWh).</summary>
    Cost = 0,

    /// <summary>Electricity sale price c_o(t): what the distribution company charges (CNY/kWh).</summary>
    Sale = 1,

    /// <summary>Charging price c_e(t): what EV users pay at the charging station (CNY/kWh).</summary>
    Charging = 2,

    /// <summary>Discharge compensation coefficient c_f(t) paid to EV users for V2G energy (CNY/kWh).</summary>
    DischargeCompensation = 3,
}

/// <summary>The four prices of one TOU period (CNY/kWh), seed 002 Table 1 columns.</summary>
/// <param name="Cost">Electricity cost price c_i.</param>
/// <param name="Sale">Electricity sale price c_o.</param>
/// <param name="Charging">EV charging price c_e.</param>
/// <param name="DischargeCompensation">Discharge compensation coefficient c_f.</param>
public readonly record struct TouPrices(double Cost, double Sale, double Charging, double DischargeCompensation)
{
    /// <summary>The price of the given kind.</summary>
    /// <param name="kind">Price kind.</param>
    /// <returns>CNY/kWh.</returns>
    public double Get(TouPriceKind kind) => kind switch
    {
        TouPriceKind.Cost => Cost,
        TouPriceKind.Sale => Sale,
        TouPriceKind.Charging => Charging,
        TouPriceKind.DischargeCompensation => DischargeCompensation,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown price kind."),
    };
}

/// <summary>A clock interval assigned to a TOU period; [StartHour, EndHour), wrapping past midnight when End ≤ Start.</summary>
/// <param name="StartHour">Start (h, [0, 24)).</param>
/// <param name="EndHour">End (h, [0, 24]; next day when ≤ start).</param>
/// <param name="Period">The period.</param>
public sealed record TouBand(double StartHour, double EndHour, TouPeriod Period)
{
    internal bool Contains(double hour) => StartHour < EndHour
        ? hour >= StartHour && hour < EndHour
        : hour >= StartHour || hour < EndHour;
}

/// <summary>
/// A time-of-use tariff: peak / normal / valley periods on the clock and the four prices of each period
/// (seed 002 Table 1), sampled on any slot grid (15 or 60 min).
/// </summary>
public sealed class TouTariff
{
    private readonly TouBand[] _bands;
    private readonly TouPrices[] _prices = new TouPrices[3];

    /// <summary>Creates a tariff; hours no band covers are <see cref="TouPeriod.Normal"/>.</summary>
    /// <param name="bands">Non-overlapping clock bands.</param>
    /// <param name="peak">Peak prices.</param>
    /// <param name="normal">Normal prices.</param>
    /// <param name="valley">Valley prices.</param>
    public TouTariff(IEnumerable<TouBand> bands, TouPrices peak, TouPrices normal, TouPrices valley)
    {
        ArgumentNullException.ThrowIfNull(bands);
        _bands = [.. bands];
        foreach (var b in _bands)
        {
            ArgumentNullException.ThrowIfNull(b);
            if (!(b.StartHour >= 0 && b.StartHour < 24 && b.EndHour >= 0 && b.EndHour <= 24) || b.StartHour == b.EndHour)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"TOU band {b.StartHour}–{b.EndHour} h ({b.Period}) must have StartHour in [0, 24), EndHour in [0, 24] and a non-zero length."), nameof(bands));
            }
        }

        // Overlaps, checked on a one-minute grid.
        for (var m = 0; m < 1440; m++)
        {
            var h = (m + 0.5) / 60.0;
            var hits = _bands.Where(b => b.Contains(h)).ToList();
            if (hits.Count > 1)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"TOU bands {hits[0].StartHour}–{hits[0].EndHour} h and {hits[1].StartHour}–{hits[1].EndHour} h overlap at {h:F2} h."), nameof(bands));
            }
        }

        foreach (var (p, name) in new[] { (peak, "peak"), (normal, "normal"), (valley, "valley") })
        {
            if (!(double.IsFinite(p.Cost) && double.IsFinite(p.Sale) && double.IsFinite(p.Charging) && double.IsFinite(p.DischargeCompensation)))
            {
                throw new ArgumentException($"TOU {name} prices must be finite, got {p}.");
            }
        }

        _prices[(int)TouPeriod.Peak] = peak;
        _prices[(int)TouPeriod.Normal] = normal;
        _prices[(int)TouPeriod.Valley] = valley;
    }

    /// <summary>The bands.</summary>
    public IReadOnlyList<TouBand> Bands => _bands;

    /// <summary>Seed 002 Table 1 peak prices: 0.6129 / 1.11 / 1.5 / 2.20 CNY/kWh.</summary>
    public static TouPrices Seed002Peak => new(0.6129, 1.11, 1.5, 2.20);

    /// <summary>Seed 002 Table 1 normal prices: 0.4430 / 0.68 / 1.0 / 1.23 CNY/kWh.</summary>
    public static TouPrices Seed002Normal => new(0.4430, 0.68, 1.0, 1.23);

    /// <summary>Seed 002 Table 1 valley prices: 0.2189 / 0.35 / 0.75 / 0.35 CNY/kWh.</summary>
    public static TouPrices Seed002Valley => new(0.2189, 0.35, 0.75, 0.35);

    /// <summary>
    /// Seed 002 Table 1 prices with periods the paper does not list, taken as a common provincial TOU split
    /// (documented assumption): valley 00:00–08:00, peak 08:00–12:00 and 17:00–21:00, normal otherwise.
    /// </summary>
    public static TouTariff Seed002 { get; } = new(
        [new TouBand(0, 8, TouPeriod.Valley), new TouBand(8, 12, TouPeriod.Peak), new TouBand(17, 21, TouPeriod.Peak)],
        Seed002Peak, Seed002Normal, Seed002Valley);

    /// <summary>Period at a clock hour.</summary>
    /// <param name="hour">Clock hour (any real; taken mod 24).</param>
    /// <returns>The period.</returns>
    public TouPeriod PeriodAt(double hour)
    {
        if (!double.IsFinite(hour))
        {
            throw new ArgumentException($"hour must be finite, got {hour}.", nameof(hour));
        }

        var h = hour % 24.0;
        if (h < 0)
        {
            h += 24;
        }

        foreach (var b in _bands)
        {
            if (b.Contains(h))
            {
                return b.Period;
            }
        }

        return TouPeriod.Normal;
    }

    /// <summary>Prices of a period.</summary>
    /// <param name="period">The period.</param>
    /// <returns>The four prices.</returns>
    public TouPrices Prices(TouPeriod period) => _prices[(int)period];

    /// <summary>Prices at a clock hour.</summary>
    /// <param name="hour">Clock hour.</param>
    /// <returns>The four prices.</returns>
    public TouPrices PricesAt(double hour) => _prices[(int)PeriodAt(hour)];

    /// <summary>Period of each slot of a day (taken at the slot's midpoint).</summary>
    /// <param name="slotMinutes">Slot length (min), a divisor of 1 440.</param>
    /// <returns>T periods.</returns>
    public TouPeriod[] SlotPeriods(int slotMinutes)
    {
        if (slotMinutes <= 0 || 1440 % slotMinutes != 0)
        {
            throw new ArgumentException($"Slot length must be a positive divisor of 1440 min, got {slotMinutes}.", nameof(slotMinutes));
        }

        var t = 1440 / slotMinutes;
        var periods = new TouPeriod[t];
        for (var s = 0; s < t; s++)
        {
            periods[s] = PeriodAt((s + 0.5) * slotMinutes / 60.0);
        }

        return periods;
    }

    /// <summary>One price per slot of a day (CNY/kWh), e.g. as the slot cost of the repair operator.</summary>
    /// <param name="slotMinutes">Slot length (min), a divisor of 1 440.</param>
    /// <param name="kind">Which price.</param>
    /// <returns>T prices.</returns>
    public double[] SlotPrices(int slotMinutes, TouPriceKind kind) =>
        [.. SlotPeriods(slotMinutes).Select(p => _prices[(int)p].Get(kind))];
}
