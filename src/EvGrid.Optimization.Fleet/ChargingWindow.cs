namespace EvGrid.Optimization.Fleet;

/// <summary>
/// A chargeable period of an EV type, e.g. 18:00–07:00 for private cars at home (seed 002 §3), with the
/// distribution of plug-in (arrival) and plug-out (departure) times inside it.
/// </summary>
/// <remarks>
/// Hours are clock hours in [0, 24). A window whose <see cref="EndHour"/> is not after its
/// <see cref="StartHour"/> ends on the next day (18 → 7 means 18:00 to 07:00 next morning). Arrival times are drawn
/// from N(<see cref="ArrivalMeanHour"/>, <see cref="ArrivalStdDevHours"/>²) truncated to the window; departures from
/// N(<see cref="DepartureMeanHour"/>, <see cref="DepartureStdDevHours"/>²) truncated to the part of the window after
/// the arrival (a zero standard deviation means a fixed departure hour).
/// </remarks>
/// <param name="StartHour">Start of the chargeable period (h, clock time in [0, 24)).</param>
/// <param name="EndHour">End of the chargeable period (h, clock time in [0, 24); next day when ≤ start).</param>
/// <param name="ArrivalMeanHour">Mean plug-in time (h, clock time).</param>
/// <param name="ArrivalStdDevHours">Standard deviation of the plug-in time (h).</param>
/// <param name="DepartureMeanHour">Mean plug-out time (h, clock time).</param>
/// <param name="DepartureStdDevHours">Standard deviation of the plug-out time (h); 0 for a fixed hour.</param>
/// <param name="Weight">Relative share of the EVs of the type that use this window (any positive number).</param>
public sealed record ChargingWindow(
    double StartHour,
    double EndHour,
    double ArrivalMeanHour,
    double ArrivalStdDevHours,
    double DepartureMeanHour,
    double DepartureStdDevHours,
    double Weight = 1.0)
{
    /// <summary>Length of the chargeable period (h), in (0, 24].</summary>
    public double LengthHours => EndHour > StartHour ? EndHour - StartHour : EndHour + 24.0 - StartHour;

    /// <summary>Maps a clock hour onto the window's own axis: hours from <see cref="StartHour"/>, in [0, 24).</summary>
    internal double Offset(double clockHour)
    {
        var d = (clockHour - StartHour) % 24.0;
        return d < 0 ? d + 24.0 : d;
    }

    /// <summary>Checks the window and throws <see cref="ArgumentException"/> naming the bad field.</summary>
    /// <param name="owner">Name of the owning EV type, for the message.</param>
    public void Validate(string owner)
    {
        Check(StartHour, nameof(StartHour), owner);
        Check(EndHour, nameof(EndHour), owner);
        Check(ArrivalMeanHour, nameof(ArrivalMeanHour), owner);
        Check(DepartureMeanHour, nameof(DepartureMeanHour), owner);
        if (!(ArrivalStdDevHours >= 0) || double.IsInfinity(ArrivalStdDevHours))
        {
            throw new ArgumentException($"{owner}: charging window ArrivalStdDevHours must be finite and ≥ 0, got {ArrivalStdDevHours}.");
        }

        if (!(DepartureStdDevHours >= 0) || double.IsInfinity(DepartureStdDevHours))
        {
            throw new ArgumentException($"{owner}: charging window DepartureStdDevHours must be finite and ≥ 0, got {DepartureStdDevHours}.");
        }

        if (!(Weight > 0) || double.IsInfinity(Weight))
        {
            throw new ArgumentException($"{owner}: charging window Weight must be finite and > 0, got {Weight}.");
        }

        if (Offset(ArrivalMeanHour) >= LengthHours)
        {
            throw new ArgumentException(
                $"{owner}: charging window ArrivalMeanHour {ArrivalMeanHour} lies outside the window {StartHour}–{EndHour} h.");
        }

        if (Offset(DepartureMeanHour) > LengthHours || Offset(DepartureMeanHour) <= Offset(ArrivalMeanHour))
        {
            // A departure equal to the window end maps to offset 0 when the window spans 24 h; accept that case.
            if (!(Offset(DepartureMeanHour) == 0 && LengthHours > 0))
            {
                throw new ArgumentException(
                    $"{owner}: charging window DepartureMeanHour {DepartureMeanHour} must lie after ArrivalMeanHour {ArrivalMeanHour} inside the window {StartHour}–{EndHour} h.");
            }
        }
    }

    private static void Check(double hour, string field, string owner)
    {
        if (!(hour >= 0 && hour < 24))
        {
            throw new ArgumentException($"{owner}: charging window {field} must be a clock hour in [0, 24), got {hour}.");
        }
    }
}
