using EvGrid.Optimization.Network.ThreePhase;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Network.Tests.ThreePhase;

/// <summary>
/// A feeder with identical phases (transposed lines: equal self and equal mutual impedances) and balanced loads is a
/// balanced system: every phase must equal the balanced (single-phase equivalent) solver's answer, with the
/// positive-sequence impedance z₁ = z_s − z_m, and phases b, c shifted by ∓120°.
/// </summary>
public sealed class BalancedEquivalenceTests
{
    private static readonly string[] Models = ["Y-PQ", "Y-I", "Y-Z", "D-PQ", "D-I", "D-Z"];

    private static (ThreePhaseFeeder ThreePhase, PowerNetwork Balanced) Pair(int seed)
    {
        var rng = new Random(seed);
        const double kv = 12.47;
        var vm = 0.97 + 0.08 * rng.NextDouble();
        var zs = new System.Numerics.Complex(0.25 + 0.2 * rng.NextDouble(), 0.8 + 0.4 * rng.NextDouble());
        var zm = new System.Numerics.Complex(0.05 + 0.05 * rng.NextDouble(), 0.3 + 0.2 * rng.NextDouble());
        double[] r = [zs.Real, zm.Real, zm.Real, zm.Real, zs.Real, zm.Real, zm.Real, zm.Real, zs.Real];
        double[] x = [zs.Imaginary, zm.Imaginary, zm.Imaginary, zm.Imaginary, zs.Imaginary, zm.Imaginary, zm.Imaginary, zm.Imaginary, zs.Imaginary];
        var tp = new ThreePhaseFeederBuilder($"balanced-{seed}")
            .WithSource(new ThreePhaseSource("1", kv, vm, [0, -120, 120]))
            .AddConfiguration(LineConfiguration.FromRxb("T", PhaseSet.ABC, r, x, new double[9]));
        var bal = new NetworkBuilder($"balanced-{seed}", 1000).AddBus(new Bus(1, kv, BusKind.Slack, vm));
        var n = 3 + rng.Next(13);
        for (var i = 2; i <= n; i++)
        {
            var parent = 1 + rng.Next(i - 1);
            var feet = 200 + rng.Next(4000);
            tp.AddLine(new LineSegment(parent.ToString(), i.ToString(), feet, "T"));
            bal.AddBus(new Bus(i, kv));
            var z1 = (zs - zm) * (feet / 5280.0);
            bal.AddBranchOhm(parent, i, z1.Real, z1.Imaginary);
            var model = LoadModel.Parse(Models[rng.Next(Models.Length)]);
            var p = 20 + 180 * rng.NextDouble();
            var q = 100 * rng.NextDouble();
            tp.AddSpotLoad(new SpotLoad(i.ToString(), model, [p, p, p], [q, q, q]));
            var shares = model.Type switch
            {
                LoadType.ConstantPower => ZipShares.ConstantPowerOnly,
                LoadType.ConstantCurrent => ZipShares.ConstantCurrentOnly,
                _ => ZipShares.ConstantImpedanceOnly,
            };
            bal.AddLoad(new Load(i, 3 * p, 3 * q, shares, shares));
        }

        return (tp.Build(), bal.Build());
    }

    [Property(Arbitrary = new[] { typeof(NetworkArbitraries) }, MaxTest = 50)]
    public bool Identical_phases_and_balanced_loads_give_the_balanced_solvers_answer_on_every_phase(Seed s)
    {
        var seed = s.Value;
        var (threePhase, balanced) = Pair(seed);
        var r3 = ThreePhaseSweepSolver.Solve(threePhase, new ThreePhaseSolveOptions { TolerancePu = 1e-11 });
        var r1 = new BackwardForwardSweepSolver().Solve(balanced, new PowerFlowOptions(1e-11, 200));
        if (!r3.Converged || !r1.Converged)
        {
            return false;
        }

        foreach (var v in r3.Voltages)
        {
            var id = int.Parse(v.Bus, System.Globalization.CultureInfo.InvariantCulture);
            var shift = v.Phase switch { "A" => 0.0, "B" => -120.0, _ => 120.0 };
            var da = v.VaDeg - (r1.VoltageAngleDeg(id) + shift);
            da -= 360 * Math.Round(da / 360);
            if (Math.Abs(v.VmPu - r1.VoltageMagnitudePu(id)) > 1e-7 || Math.Abs(da) > 1e-5)
            {
                return false;
            }
        }

        return Math.Abs(r3.TotalLossKw - r1.LossesKw) < 1e-4 * Math.Max(1, r1.LossesKw)
            && Math.Abs(r3.TotalInputKw - r1.SlackPKw) < 1e-4 * Math.Max(1, r1.SlackPKw);
    }
}
