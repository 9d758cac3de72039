using System.Globalization;
using System.Runtime.CompilerServices;

namespace EvGrid.Optimization.Fleet;

/// <summary>
/// A fleet placed on a cyclic slot grid of one day: for each EV the slots it is plugged in for, in session order.
/// </summary>
/// <remarks>
/// Slot <c>s</c> of the day covers [s·Δt, (s+1)·Δt) h. EV <c>i</c>'s session step <c>k</c> (0 ≤ k &lt;
/// <see cref="SlotCount"/>) is day slot <c>(FirstSlot[i] + k) mod T</c>; a session that passes midnight wraps to the
/// morning slots of the same typical day (the day is treated as periodic). Arrival and departure need not fall on
/// slot boundaries: <see cref="Fraction"/> gives the plugged-in share of a step, and a step's power limit is the
/// rated power times that share (powers are averages over the slot). A session whose window would revisit its own
/// arrival slot is cut at the end of the slot before it.
/// </remarks>
public sealed class FleetTimeline
{
    private readonly int[] _first;
    private readonly int[] _count;

    internal FleetTimeline(EvFleet fleet, int slotMinutes)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        if (slotMinutes <= 0 || 1440 % slotMinutes != 0)
        {
            throw new ArgumentException($"Slot length must be a positive divisor of 1440 min (e.g. 60 or 15), got {slotMinutes} min.", nameof(slotMinutes));
        }

        Fleet = fleet;
        SlotMinutes = slotMinutes;
        SlotsPerDay = 1440 / slotMinutes;
        SlotHours = slotMinutes / 60.0;
        var n = fleet.Count;
        _first = new int[n];
        _count = new int[n];
        var arr = fleet.ArrivalHours;
        var dep = fleet.DepartureHours;
        MaxSlotCount = 0;
        for (var i = 0; i < n; i++)
        {
            var first = (int)Math.Floor(arr[i] / SlotHours + 1e-9);
            if (first >= SlotsPerDay)
            {
                first = SlotsPerDay - 1;
            }

            var end = (int)Math.Ceiling(dep[i] / SlotHours - 1e-9);
            var count = Math.Min(Math.Max(end - first, 1), SlotsPerDay);
            _first[i] = first;
            _count[i] = count;
            MaxSlotCount = Math.Max(MaxSlotCount, count);

            var storable = 0.0;
            for (var k = 0; k < count; k++)
            {
                storable += Fraction(i, k);
            }

            storable *= SlotHours * fleet.ChargeKw[i] * fleet.EtaCharge[i];
            var need = fleet.EnergyNeedKwh(i);
            if (need > storable * (1 + 1e-9) + 1e-9)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"EV {fleet.Ids[i]} ({fleet.Kinds[i]}): needs {need:F2} kWh but its window on the {slotMinutes}-min grid stores at most {storable:F2} kWh (the window is cut where it would revisit its arrival slot)."));
            }
        }
    }

    /// <summary>The fleet.</summary>
    public EvFleet Fleet { get; }

    /// <summary>Slot length (min).</summary>
    public int SlotMinutes { get; }

    /// <summary>Slots per day T (24 for 60-min, 96 for 15-min slots).</summary>
    public int SlotsPerDay { get; }

    /// <summary>Slot length Δt (h).</summary>
    public double SlotHours { get; }

    /// <summary>The largest <see cref="SlotCount"/> over the fleet.</summary>
    public int MaxSlotCount { get; }

    /// <summary>Number of EVs.</summary>
    public int EvCount => _first.Length;

    /// <summary>Day slot of each EV's first (arrival) step.</summary>
    public ReadOnlySpan<int> FirstSlot => _first;

    /// <summary>Number of steps (slots) of each EV's session.</summary>
    public ReadOnlySpan<int> SlotCount => _count;

    /// <summary>Day slot (0 ≤ s &lt; T) of EV <paramref name="ev"/>'s step <paramref name="step"/>.</summary>
    /// <param name="ev">EV index.</param>
    /// <param name="step">Step in session order.</param>
    /// <returns>The day slot.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DaySlot(int ev, int step)
    {
        var s = _first[ev] + step;
        return s >= SlotsPerDay ? s - SlotsPerDay : s;
    }

    /// <summary>Plugged-in share (0..1] of EV <paramref name="ev"/>'s step <paramref name="step"/>.</summary>
    /// <param name="ev">EV index.</param>
    /// <param name="step">Step in session order.</param>
    /// <returns>Overlap of the slot with [arrival, departure) divided by Δt.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Fraction(int ev, int step)
    {
        var s = _first[ev] + step;
        var lo = Math.Max(s * SlotHours, Fleet.ArrivalHours[ev]);
        var hi = Math.Min((s + 1) * SlotHours, Fleet.DepartureHours[ev]);
        var f = (hi - lo) / SlotHours;
        return f < 0 ? 0 : f > 1 ? 1 : f;
    }

    /// <summary>
    /// The step of EV <paramref name="ev"/> that falls on day slot <paramref name="daySlot"/>, or −1 when the EV is
    /// not plugged in then.
    /// </summary>
    /// <param name="ev">EV index.</param>
    /// <param name="daySlot">Day slot.</param>
    /// <returns>The step or −1.</returns>
    public int StepOf(int ev, int daySlot)
    {
        var k = daySlot - _first[ev];
        if (k < 0)
        {
            k += SlotsPerDay;
        }

        return k < _count[ev] ? k : -1;
    }
}
