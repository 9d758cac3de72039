namespace EvGrid.Optimization.Fleet;

/// <summary>Statistics of one EV category (or of the whole fleet) in a <see cref="FleetSummary"/>.</summary>
/// <param name="Kind">Category, or null for the whole fleet.</param>
/// <param name="Count">Number of EVs.</param>
/// <param name="ArrivalMeanHour">Circular mean of the plug-in clock time (h, [0, 24)).</param>
/// <param name="ArrivalStdDevHours">Circular standard deviation of the plug-in time (h).</param>
/// <param name="PlugInMeanHours">Mean plug-in duration T_lim (h).</param>
/// <param name="SocArrivalMean">Mean SOC at plug-in.</param>
/// <param name="SocArrivalMin">Lowest SOC at plug-in.</param>
/// <param name="SocArrivalMax">Highest SOC at plug-in.</param>
/// <param name="SocDepartureMinMean">Mean of the users' minimum SOC at departure.</param>
/// <param name="EnergyNeedKwh">Total battery energy to add (kWh).</param>
/// <param name="ChargingHoursMean">Mean T_f (h), seed 002 eq. (3).</param>
/// <param name="V2gCount">EVs whose owners take part in V2G.</param>
public sealed record FleetGroupSummary(
    EvKind? Kind, int Count, double ArrivalMeanHour, double ArrivalStdDevHours, double PlugInMeanHours,
    double SocArrivalMean, double SocArrivalMin, double SocArrivalMax, double SocDepartureMinMean,
    double EnergyNeedKwh, double ChargingHoursMean, int V2gCount);

/// <summary>A fleet's statistics by category and its uncontrolled-charging indicators.</summary>
/// <param name="Groups">One entry per category present, in <see cref="EvKind"/> order.</param>
/// <param name="Total">The whole fleet.</param>
/// <param name="UncontrolledPeakKw">Peak of the uncontrolled charging load (kW).</param>
/// <param name="RatedKw">Σ of the EVs' rated charging powers (kW).</param>
/// <param name="SimultaneityRate">β of seed 000 eq. (2).</param>
public sealed record FleetSummary(IReadOnlyList<FleetGroupSummary> Groups, FleetGroupSummary Total, double UncontrolledPeakKw, double RatedKw, double SimultaneityRate)
{
    /// <summary>Summarises a fleet and its uncontrolled load profile.</summary>
    /// <param name="fleet">The fleet.</param>
    /// <param name="uncontrolled">Its uncontrolled load profile (<see cref="UncontrolledCharging.Profile"/>).</param>
    /// <returns>The summary.</returns>
    public static FleetSummary Create(EvFleet fleet, LoadProfile uncontrolled)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(uncontrolled);
        var groups = new List<FleetGroupSummary>();
        foreach (var kind in Enum.GetValues<EvKind>())
        {
            var members = Enumerable.Range(0, fleet.Count).Where(i => fleet.Kinds[i] == kind).ToList();
            if (members.Count > 0)
            {
                groups.Add(Group(fleet, kind, members));
            }
        }

        var rated = 0.0;
        foreach (var p in fleet.ChargeKw)
        {
            rated += p;
        }

        return new FleetSummary(groups, Group(fleet, null, [.. Enumerable.Range(0, fleet.Count)]), uncontrolled.PeakKw, rated,
            UncontrolledCharging.SimultaneityRate(uncontrolled, fleet));
    }

    private static FleetGroupSummary Group(EvFleet fleet, EvKind? kind, List<int> members)
    {
        if (members.Count == 0)
        {
            return new FleetGroupSummary(kind, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, double.NaN, 0);
        }

        double s = 0, c = 0;
        foreach (var i in members)
        {
            var angle = fleet.ArrivalHours[i] / 24 * 2 * Math.PI;
            s += Math.Sin(angle);
            c += Math.Cos(angle);
        }

        s /= members.Count;
        c /= members.Count;
        var mean = Math.Atan2(s, c) / (2 * Math.PI) * 24;
        mean = mean < 0 ? mean + 24 : mean;
        var r = Math.Min(1, Math.Sqrt(s * s + c * c));
        var sd = r <= 0 ? double.PositiveInfinity : Math.Sqrt(-2 * Math.Log(r)) / (2 * Math.PI) * 24;
        return new FleetGroupSummary(
            kind, members.Count, mean, sd,
            members.Average(i => fleet.DepartureHours[i] - fleet.ArrivalHours[i]),
            members.Average(i => fleet.SocArrival[i]), members.Min(i => fleet.SocArrival[i]), members.Max(i => fleet.SocArrival[i]),
            members.Average(i => fleet.SocDepartureMin[i]),
            members.Sum(fleet.EnergyNeedKwh),
            members.Average(i => fleet[i].ChargingHours),
            members.Count(i => fleet.V2g[i]));
    }
}
