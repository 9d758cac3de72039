using EvGrid.Optimization.Network.ThreePhase;

namespace EvGrid.Optimization.Network.Tests.ThreePhase;

/// <summary>Random radial three-phase feeders for property tests (seeded, reproducible).</summary>
internal static class RandomFeeders
{
    /// <summary>Sum of the rated kW of the loads of the last feeder built on this thread.</summary>
    [ThreadStatic]
    public static double RatedKw;

    /// <summary>Sum of the rated kVAr of the loads of the last feeder built on this thread.</summary>
    [ThreadStatic]
    public static double RatedKvar;

    private static readonly string[] Models = ["Y-PQ", "Y-I", "Y-Z", "D-PQ", "D-I", "D-Z"];

    /// <summary>
    /// A random unbalanced feeder: 12.47 kV source, 3–12 buses, coupled lines on random phase subsets, all six load
    /// models, optional regulators, a grounded-wye transformer and capacitors.
    /// </summary>
    public static ThreePhaseFeederBuilder Unbalanced(int seed, bool charging = true, bool capacitors = true, bool constantPowerOnly = false)
    {
        var rng = new Random(seed);
        RatedKw = 0;
        RatedKvar = 0;
        var b = new ThreePhaseFeederBuilder($"random-{seed}") { IncludeLineCharging = charging };
        b.WithSource(new ThreePhaseSource("0", 12.47, 0.98 + 0.06 * rng.NextDouble(), [0, -120, 120]));
        double[] r = [0.30, 0.10, 0.09, 0.10, 0.31, 0.10, 0.09, 0.10, 0.32];
        double[] x = [1.00, 0.50, 0.42, 0.50, 1.02, 0.38, 0.42, 0.38, 1.01];
        double[] bb = [6.0, -1.9, -1.2, -1.9, 5.9, -0.7, -1.2, -0.7, 5.6];
        for (var mask = 1; mask < 8; mask++)
        {
            var set = (PhaseSet)mask;
            double[] rr = new double[9], xx = new double[9], bs = new double[9];
            for (var k = 0; k < 9; k++)
            {
                if (set.Has(k / 3) && set.Has(k % 3))
                {
                    rr[k] = r[k];
                    xx[k] = x[k];
                    bs[k] = bb[k];
                }
            }

            b.AddConfiguration(LineConfiguration.FromRxb(set.ToLetters(), set, rr, xx, bs));
        }

        var n = 3 + rng.Next(10);
        var phases = new List<PhaseSet> { PhaseSet.ABC };
        var lv = new List<bool> { false };
        for (var i = 1; i < n; i++)
        {
            var parent = rng.Next(i);
            var pp = phases[parent];
            var set = pp;
            if (rng.NextDouble() < 0.35)
            {
                do
                {
                    set = (PhaseSet)(1 + rng.Next(7)) & pp;
                }
                while (set == PhaseSet.None);
            }

            var roll = rng.NextDouble();
            if (pp == PhaseSet.ABC && !lv[parent] && roll < 0.12)
            {
                b.AddRegulator(new StepVoltageRegulator($"R{i}", parent.ToString(), i.ToString(), PhaseSet.ABC, [rng.Next(-4, 11), rng.Next(-4, 11), rng.Next(-4, 11)], null));
                set = PhaseSet.ABC;
                lv.Add(false);
            }
            else if (pp == PhaseSet.ABC && !lv[parent] && roll < 0.2)
            {
                b.AddTransformer(new ThreePhaseTransformer($"T{i}", parent.ToString(), i.ToString(), TransformerConnection.GroundedWyeGroundedWye, 500 + rng.Next(1500), 12.47, 4.16, 1.1, 2 + 2 * rng.NextDouble()));
                set = PhaseSet.ABC;
                lv.Add(true);
            }
            else
            {
                b.AddLine(new LineSegment(parent.ToString(), i.ToString(), 100 + rng.Next(3000), set.ToLetters()));
                lv.Add(lv[parent]);
            }

            phases.Add(set);
            var scale = lv[i] ? 0.3 : 1.0;
            var model = LoadModel.Parse(constantPowerOnly ? (rng.Next(2) == 0 ? "Y-PQ" : "D-PQ") : Models[rng.Next(Models.Length)]);
            var kw = new double[3];
            var kvar = new double[3];
            for (var p = 0; p < 3; p++)
            {
                var ok = model.Connection == LoadConnection.Wye ? set.Has(p) : set.Has(p) && set.Has((p + 1) % 3);
                if (ok && rng.NextDouble() < 0.8)
                {
                    kw[p] = scale * 150 * rng.NextDouble();
                    kvar[p] = scale * 80 * rng.NextDouble();
                }
            }

            b.AddSpotLoad(new SpotLoad(i.ToString(), model, kw, kvar));
            RatedKw += kw.Sum();
            RatedKvar += kvar.Sum();
            if (capacitors && rng.NextDouble() < 0.15)
            {
                b.AddCapacitor(new ShuntCapacitor(i.ToString(), [set.Has(0) ? 50 : 0, set.Has(1) ? 50 : 0, set.Has(2) ? 50 : 0]));
            }
        }

        return b;
    }
}
