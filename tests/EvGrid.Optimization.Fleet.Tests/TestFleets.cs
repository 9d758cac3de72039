using EvGrid.Optimization.Fleet;

namespace EvGrid.Optimization.Fleet.Tests;

/// <summary>Small hand-made sessions shared by the tests.</summary>
internal static class TestFleets
{
    public static EvSession Ev(int id, double arrival, double departure, double socArrival, double socTarget,
        double batteryKwh = 32, double chargeKw = 7, double dischargeKw = 7, double eta = 1.0, bool v2g = true, int bus = 0)
        => new(id, EvKind.PrivateCar, arrival, departure, batteryKwh, socArrival, socTarget, chargeKw, dischargeKw,
            eta, eta, v2g, bus, 30);
}
