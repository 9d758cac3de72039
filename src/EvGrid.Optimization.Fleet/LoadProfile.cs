namespace EvGrid.Optimization.Fleet;

/// <summary>
/// EV load per bus and slot of a day (kW, average grid-side active power over each slot; negative when EVs
/// discharge), stored flat as <c>[bus · T + slot]</c>.
/// </summary>
public sealed class LoadProfile
{
    private readonly double[] _kw;
    private readonly double[] _total;

    /// <summary>Creates a profile from a flat array (copied).</summary>
    /// <param name="busCount">Number of buses B.</param>
    /// <param name="slotsPerDay">Slots per day T.</param>
    /// <param name="slotHours">Slot length Δt (h).</param>
    /// <param name="kw">kW values, <c>[bus · T + slot]</c>, length B·T.</param>
    public LoadProfile(int busCount, int slotsPerDay, double slotHours, ReadOnlySpan<double> kw)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(busCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slotsPerDay);
        if (!(slotHours > 0))
        {
            throw new ArgumentException($"slotHours must be > 0, got {slotHours}.", nameof(slotHours));
        }

        if (kw.Length != busCount * slotsPerDay)
        {
            throw new ArgumentException($"kw holds {kw.Length} values, expected {busCount} buses × {slotsPerDay} slots.", nameof(kw));
        }

        BusCount = busCount;
        SlotsPerDay = slotsPerDay;
        SlotHours = slotHours;
        _kw = kw.ToArray();
        _total = new double[slotsPerDay];
        for (var b = 0; b < busCount; b++)
        {
            for (var t = 0; t < slotsPerDay; t++)
            {
                _total[t] += _kw[b * slotsPerDay + t];
            }
        }
    }

    /// <summary>Number of buses.</summary>
    public int BusCount { get; }

    /// <summary>Slots per day.</summary>
    public int SlotsPerDay { get; }

    /// <summary>Slot length (h).</summary>
    public double SlotHours { get; }

    /// <summary>kW per bus and slot, <c>[bus · T + slot]</c>.</summary>
    public ReadOnlySpan<double> Kw => _kw;

    /// <summary>Total kW per slot over all buses.</summary>
    public ReadOnlySpan<double> TotalKw => _total;

    /// <summary>kW of one bus per slot.</summary>
    /// <param name="bus">Bus index.</param>
    /// <returns>T values.</returns>
    public ReadOnlySpan<double> Bus(int bus) => _kw.AsSpan(bus * SlotsPerDay, SlotsPerDay);

    /// <summary>Largest total kW over the day.</summary>
    public double PeakKw => _total.Length == 0 ? 0 : _total.Max();

    /// <summary>Energy over the day (kWh) = Σ_t total(t)·Δt.</summary>
    public double EnergyKwh => _total.Sum() * SlotHours;
}
