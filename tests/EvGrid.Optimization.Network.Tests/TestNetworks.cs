using EvGrid.Optimization.Network;
using MathNet.Numerics.Random;

namespace EvGrid.Optimization.Network.Tests;

/// <summary>Helpers that derive test networks.</summary>
internal static class TestNetworks
{
    /// <summary>The network with every load, shunt and generator multiplied by <paramref name="factor"/>.</summary>
    public static PowerNetwork Scaled(PowerNetwork net, double factor, bool keepGenerators = false)
    {
        var b = new NetworkBuilder(net.Name, net.BaseKva);
        foreach (var x in net.Buses)
        {
            b.AddBus(x);
        }

        foreach (var x in net.Branches)
        {
            b.AddBranch(x);
        }

        foreach (var x in net.Loads)
        {
            b.AddLoad(x with { PKw = x.PKw * factor, QKvar = x.QKvar * factor });
        }

        foreach (var x in net.Shunts)
        {
            b.AddShunt(x with { PKw = x.PKw * factor, QKvar = x.QKvar * factor });
        }

        foreach (var x in net.Generators)
        {
            b.AddGenerator(keepGenerators ? x : x with { PKw = x.PKw * factor, QKvar = x.QKvar * factor });
        }

        return b.Build();
    }

    /// <summary>
    /// The same network with bus ids relabelled by a random permutation (ids 1000 + π(i)) and buses, branches and loads
    /// added in shuffled order; every branch is also reversed at random.
    /// </summary>
    public static (PowerNetwork Network, Dictionary<int, int> NewId) Renumbered(PowerNetwork net, int seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var ids = net.Buses.Select(b => b.Id).ToArray();
        var perm = Enumerable.Range(0, ids.Length).ToArray();
        rng.Shuffle(perm);
        var map = new Dictionary<int, int>();
        for (var i = 0; i < ids.Length; i++)
        {
            map[ids[i]] = 1000 + perm[i];
        }

        var b = new NetworkBuilder(net.Name + "-renumbered", net.BaseKva);
        foreach (var x in Shuffled(net.Buses, rng))
        {
            b.AddBus(x with { Id = map[x.Id] });
        }

        foreach (var x in Shuffled(net.Branches, rng))
        {
            var reverse = rng.NextDouble() < 0.5;
            b.AddBranch(reverse
                ? x with { FromBus = map[x.ToBus], ToBus = map[x.FromBus] }
                : x with { FromBus = map[x.FromBus], ToBus = map[x.ToBus] });
        }

        foreach (var x in Shuffled(net.Loads, rng))
        {
            b.AddLoad(x with { Bus = map[x.Bus] });
        }

        foreach (var x in net.Shunts)
        {
            b.AddShunt(x with { Bus = map[x.Bus] });
        }

        foreach (var x in net.Generators)
        {
            b.AddGenerator(x with { Bus = map[x.Bus] });
        }

        return (b.Build(), map);
    }

    private static T[] Shuffled<T>(IEnumerable<T> items, Xoshiro256StarStar rng)
    {
        var a = items.ToArray();
        rng.Shuffle(a);
        return a;
    }

    private static void Shuffle<T>(this Xoshiro256StarStar rng, T[] a)
    {
        for (var i = a.Length - 1; i > 0; i--)
        {
            var j = rng.Next(0, i + 1);
            (a[i], a[j]) = (a[j], a[i]);
        }
    }

    /// <summary>
    /// Per-bus active and reactive mismatch (pu) computed independently from the branch flows of a result and the ZIP
    /// loads at the solved voltages: Σ flows leaving the bus + load − generation, which must be 0 at every non-slack bus.
    /// </summary>
    public static (double[] P, double[] Q) BusMismatchPu(PowerFlowResult r)
    {
        var net = r.Network;
        var n = net.BusCount;
        var p = new double[n];
        var q = new double[n];
        foreach (var f in r.Branches)
        {
            int a = net.IndexOf(f.FromBus), c = net.IndexOf(f.ToBus);
            p[a] += f.PFromKw;
            q[a] += f.QFromKvar;
            p[c] += f.PToKw;
            q[c] += f.QToKvar;
        }

        foreach (var l in net.Loads)
        {
            var i = net.IndexOf(l.Bus);
            var v = r.VoltageMagnitudesPu[i];
            p[i] += l.PKw * l.EffectivePShares.Factor(v);
            q[i] += l.QKvar * l.EffectiveQShares.Factor(v);
        }

        foreach (var s in net.Shunts)
        {
            var i = net.IndexOf(s.Bus);
            var v2 = r.VoltageMagnitudesPu[i] * r.VoltageMagnitudesPu[i];
            p[i] += s.PKw * v2;
            q[i] -= s.QKvar * v2;
        }

        foreach (var g in net.Generators)
        {
            var i = net.IndexOf(g.Bus);
            p[i] -= g.PKw;
            q[i] -= g.QKvar;
        }

        for (var i = 0; i < n; i++)
        {
            p[i] /= net.BaseKva;
            q[i] /= net.BaseKva;
        }

        return (p, q);
    }
}
