namespace EvGrid.Optimization.Fleet;

/// <summary>The four EV categories of seed 002 §3 (buses, taxis, business cars, private cars).</summary>
public enum EvKind
{
    /// <summary>Electric bus (depot charging on DC piles).</summary>
    Bus = 0,

    /// <summary>Electric taxi (opportunity charging on DC piles).</summary>
    Taxi = 1,

    /// <summary>Business (official) car.</summary>
    BusinessCar = 2,

    /// <summary>Private car, the only category scheduled in V2G mode in seed 002.</summary>
    PrivateCar = 3,
}
