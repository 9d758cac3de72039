using System.Globalization;
using EvGrid.Optimization.Fleet;
using EvGrid.Optimization.Network.Grid;

namespace EvGrid.Optimization.Objectives;

/// <summary>
/// Where a fleet's buses (the <see cref="EvFleet.Buses"/> indices: regions or charging points) connect to a network:
/// fleet bus b feeds connection point <c>PointOf(b)</c> of a <see cref="ConnectionMap"/>. Validated when built, so a
/// schedule can only be written into injections of the map it was connected to, slot-major, with the sign kept
/// (+ charging demand, − V2G discharge).
/// </summary>
/// <remarks>
/// This is the one place where the fleet's bus-major load (<see cref="LoadProfile"/>, <c>[bus · T + slot]</c>) meets
/// the grid's slot-major injections (<see cref="SlotInjections"/>, <c>[slot · points + point]</c>): the transposition is
/// done here and nowhere else.
/// </remarks>
public sealed class FleetConnection
{
    private readonly int[] _pointOfBus;

    /// <summary>Connects fleet buses 0…n−1 to the map's points.</summary>
    /// <param name="map">Connection points on the network (from <see cref="IGridTimeSeries.Connect"/>).</param>
    /// <param name="pointOfFleetBus">For each fleet bus index, the connection point it feeds (several buses may share one point).</param>
    /// <exception cref="ArgumentException">An index outside the map, naming the fleet bus and the index.</exception>
    public FleetConnection(ConnectionMap map, IReadOnlyList<int> pointOfFleetBus)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(pointOfFleetBus);
        if (pointOfFleetBus.Count == 0)
        {
            throw new ArgumentException("pointOfFleetBus must connect at least one fleet bus.", nameof(pointOfFleetBus));
        }

        for (var b = 0; b < pointOfFleetBus.Count; b++)
        {
            if (pointOfFleetBus[b] < 0 || pointOfFleetBus[b] >= map.Count)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"fleet bus {b} is connected to point {pointOfFleetBus[b]}, but the map has points 0..{map.Count - 1} ({string.Join(", ", map.Points)})."),
                    nameof(pointOfFleetBus));
            }
        }

        Map = map;
        _pointOfBus = [.. pointOfFleetBus];
    }

    /// <summary>The connection points.</summary>
    public ConnectionMap Map { get; }

    /// <summary>Number of fleet buses connected.</summary>
    public int FleetBusCount => _pointOfBus.Length;

    /// <summary>The connection point fleet bus <paramref name="fleetBus"/> feeds.</summary>
    /// <param name="fleetBus">Fleet bus index.</param>
    /// <returns>The point index in <see cref="Map"/>.</returns>
    public int PointOf(int fleetBus) => _pointOfBus[fleetBus];

    /// <summary>
    /// Writes a schedule into injections (overwriting them): kW per slot and point = Σ of the EVs whose bus feeds the
    /// point. Allocation-free.
    /// </summary>
    /// <param name="schedule">The schedule (+ charge, − discharge, kW per EV and slot).</param>
    /// <param name="injections">Injections on <see cref="Map"/> with one slot per schedule slot.</param>
    /// <exception cref="ArgumentException">Another map, another slot count, or an EV on a bus this connection does not know.</exception>
    public void Write(ChargeSchedule schedule, SlotInjections injections)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(injections);
        if (!ReferenceEquals(injections.Map, Map))
        {
            throw new ArgumentException("the injections belong to another connection map.", nameof(injections));
        }

        var slots = schedule.SlotsPerDay;
        if (injections.Slots != slots)
        {
            throw new ArgumentException($"the injections have {injections.Slots} slots, the schedule {slots}.", nameof(injections));
        }

        var buses = schedule.Timeline.Fleet.Buses;
        var ids = schedule.Timeline.Fleet.Ids;
        var points = Map.Count;
        var kw = injections.Kw;
        kw.Clear();
        for (var i = 0; i < schedule.EvCount; i++)
        {
            var bus = buses[i];
            if (bus >= _pointOfBus.Length)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"EV {ids[i]} is at fleet bus {bus}, which is not connected (connected: 0..{_pointOfBus.Length - 1})."), nameof(schedule));
            }

            var point = _pointOfBus[bus];
            var row = schedule.Row(i);
            for (var s = 0; s < slots; s++)
            {
                kw[s * points + point] += row[s];
            }
        }
    }
}
