using EvGrid.Optimization.Network.ThreePhase;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Network.Tests.ThreePhase;

public sealed class ThreePhasePropertyTests
{
    [Property(Arbitrary = new[] { typeof(NetworkArbitraries) }, MaxTest = 60)]
    public bool Power_balances_on_every_phase_input_equals_load_plus_loss_minus_capacitor_output(Seed s)
    {
        var seed = s.Value;
        var r = ThreePhaseSweepSolver.Solve(RandomFeeders.Unbalanced(seed).Build());
        if (!r.Converged)
        {
            return false;
        }

        for (var p = 0; p < 3; p++)
        {
            var kw = r.LoadKwPerPhase[p] + r.LossKwPerPhase[p];
            var kvar = r.LoadKvarPerPhase[p] + r.LossKvarPerPhase[p] - r.CapacitorKvarPerPhase[p];
            if (Math.Abs(r.InputKwPerPhase[p] - kw) > 1e-5 * Math.Max(1, Math.Abs(kw)) || Math.Abs(r.InputKvarPerPhase[p] - kvar) > 1e-5 * Math.Max(1, Math.Abs(kvar)))
            {
                return false;
            }
        }

        return true;
    }

    [Property(Arbitrary = new[] { typeof(NetworkArbitraries) }, MaxTest = 60)]
    public bool Zero_load_gives_the_source_voltage_everywhere_times_the_regulator_boost(Seed s)
    {
        var seed = s.Value;
        var feeder = RandomFeeders.Unbalanced(seed, charging: false, capacitors: false).Build();
        var ws = feeder.CreateWorkspace();
        ws.SetLoadMultiplier(0);
        var status = ThreePhaseSweepSolver.Solve(ws, ThreePhaseSolveOptions.Default);
        var r = ThreePhasePowerFlowResult.From(ws, status);
        if (!r.Converged)
        {
            return false;
        }

        foreach (var v in r.Voltages)
        {
            var p = "ABC".IndexOf(v.Phase, StringComparison.Ordinal);
            var boost = 1.0;
            var node = feeder.IndexOf(v.Bus);
            while (node != 0)
            {
                var k = Enumerable.Range(0, feeder.BranchCount).Single(i => feeder.BranchTo(i) == node);
                if (feeder.BranchKinds[k] == ThreePhaseBranchKind.Regulator)
                {
                    boost *= 1 + StepVoltageRegulator.StepPu * feeder.Regulators.Single(x => x.Name == feeder.BranchNameList[k]).Taps[p];
                }

                node = feeder.BranchFrom(k);
            }

            var expectedAngle = new[] { 0.0, -120.0, 120.0 }[p];
            if (Math.Abs(v.VmPu - feeder.Source.VoltagePu * boost) > 1e-9 || Math.Abs(v.VaDeg - expectedAngle) > 1e-7)
            {
                return false;
            }
        }

        return r.TotalLossKw == 0 && Math.Abs(r.TotalInputKw) < 1e-9;
    }

    [Property(Arbitrary = new[] { typeof(NetworkArbitraries) }, MaxTest = 60)]
    public bool Constant_power_loads_draw_exactly_their_rated_power_whatever_the_voltage(Seed s)
    {
        var seed = s.Value;
        var feeder = RandomFeeders.Unbalanced(seed, constantPowerOnly: true).Build();
        var (kw, kvar) = (RandomFeeders.RatedKw, RandomFeeders.RatedKvar);
        var r = ThreePhaseSweepSolver.Solve(feeder);
        return r.Converged && Math.Abs(r.TotalLoadKw - kw) < 1e-6 * Math.Max(1, kw) && Math.Abs(r.LoadKvarPerPhase.Sum() - kvar) < 1e-6 * Math.Max(1, kvar);
    }
}
