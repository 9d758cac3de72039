namespace EvGrid.Optimization.Fleet;

/// <summary>
/// A charge/discharge schedule: kW per EV per day slot, stored flat as <c>[ev · T + slot]</c>; + charging,
/// − discharging (one signed value per slot, so an EV never charges and discharges in the same slot: the
/// κ¹·κ² = 0 condition of seed 000 §5.2.1). Powers are slot averages at the grid connection.
/// </summary>
public sealed class ChargeSchedule
{
    private readonly double[] _kw;

    /// <summary>Creates an all-zero schedule for a fleet on its slot grid.</summary>
    /// <param name="timeline">Fleet on its slot grid.</param>
    public ChargeSchedule(FleetTimeline timeline)
    {
        Timeline = timeline ?? throw new ArgumentNullException(nameof(timeline));
        _kw = new double[timeline.EvCount * timeline.SlotsPerDay];
    }

    /// <summary>The fleet on its slot grid.</summary>
    public FleetTimeline Timeline { get; }

    /// <summary>Number of EVs.</summary>
    public int EvCount => Timeline.EvCount;

    /// <summary>Slots per day T.</summary>
    public int SlotsPerDay => Timeline.SlotsPerDay;

    /// <summary>Slot length Δt (h).</summary>
    public double SlotHours => Timeline.SlotHours;

    /// <summary>The flat kW array <c>[ev · T + slot]</c> (writable).</summary>
    public Span<double> PowerKw => _kw;

    /// <summary>kW of EV <paramref name="ev"/> in day slot <paramref name="slot"/>.</summary>
    /// <param name="ev">EV index.</param>
    /// <param name="slot">Day slot.</param>
    public double this[int ev, int slot]
    {
        get => _kw[ev * SlotsPerDay + slot];
        set => _kw[ev * SlotsPerDay + slot] = value;
    }

    /// <summary>The row of EV <paramref name="ev"/> (T kW values by day slot, writable).</summary>
    /// <param name="ev">EV index.</param>
    /// <returns>The row.</returns>
    public Span<double> Row(int ev) => _kw.AsSpan(ev * SlotsPerDay, SlotsPerDay);

    /// <summary>A deep copy.</summary>
    /// <returns>A new schedule with the same values.</returns>
    public ChargeSchedule Clone()
    {
        var copy = new ChargeSchedule(Timeline);
        _kw.CopyTo(copy._kw, 0);
        return copy;
    }

    /// <summary>Copies the values of <paramref name="other"/> (same timeline) into this schedule.</summary>
    /// <param name="other">Source schedule.</param>
    public void CopyFrom(ChargeSchedule other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!ReferenceEquals(other.Timeline, Timeline))
        {
            throw new ArgumentException("Schedules belong to different fleet timelines.", nameof(other));
        }

        other._kw.CopyTo(_kw, 0);
    }

    /// <summary>Adds the schedule's kW per bus and slot into a caller-owned <c>[bus · T + slot]</c> array. Allocation-free.</summary>
    /// <param name="kwByBusSlot">Destination; length ≥ BusCount · T.</param>
    public void AddByBus(Span<double> kwByBusSlot)
    {
        var t = SlotsPerDay;
        var buses = Timeline.Fleet.Buses;
        if (kwByBusSlot.Length < Timeline.Fleet.BusCount * t)
        {
            throw new ArgumentException($"Destination holds {kwByBusSlot.Length} values, expected at least {Timeline.Fleet.BusCount * t}.", nameof(kwByBusSlot));
        }

        for (var i = 0; i < EvCount; i++)
        {
            var row = _kw.AsSpan(i * t, t);
            var dest = kwByBusSlot.Slice(buses[i] * t, t);
            for (var s = 0; s < t; s++)
            {
                dest[s] += row[s];
            }
        }
    }

    /// <summary>The schedule's load per bus and slot.</summary>
    /// <param name="busCount">Number of buses; null for the fleet's.</param>
    /// <returns>kW per bus and slot.</returns>
    public LoadProfile ToProfile(int? busCount = null)
    {
        var buses = busCount ?? Timeline.Fleet.BusCount;
        var kw = new double[buses * SlotsPerDay];
        AddByBus(kw);
        return new LoadProfile(buses, SlotsPerDay, SlotHours, kw);
    }
}
