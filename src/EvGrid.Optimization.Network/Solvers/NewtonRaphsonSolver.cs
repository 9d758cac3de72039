using MathNet.Numerics.Providers.LinearAlgebra;

namespace EvGrid.Optimization.Network;

/// <summary>
/// Newton–Raphson power flow in polar coordinates for any network, meshed included. The mismatch equations are the
/// nodal power balance of seed 000 eq. (18) and seed 002 eq. (25):
/// P<sub>i</sub> = V<sub>i</sub> Σ<sub>h</sub> V<sub>h</sub>(G<sub>ih</sub> cos θ<sub>ih</sub> + B<sub>ih</sub> sin θ<sub>ih</sub>),
/// Q<sub>i</sub> = V<sub>i</sub> Σ<sub>h</sub> V<sub>h</sub>(G<sub>ih</sub> sin θ<sub>ih</sub> − B<sub>ih</sub> cos θ<sub>ih</sub>),
/// with voltage-dependent (ZIP) specified injections. Each iteration solves J·[Δθ; ΔV] = −F with an LU factorisation
/// of the dense Jacobian through MathNet.Numerics' linear-algebra provider.
/// </summary>
/// <remarks>
/// Seed 000 eq. (18) prints "B cos" with a plus sign in the Q equation; the sign used here (and in seed 002 eq. 25)
/// is minus. The dense Jacobian suits feeders up to a few hundred buses; the work grows as (2n)³.
/// </remarks>
public sealed class NewtonRaphsonSolver : IPowerFlowSolver
{
    /// <summary>The solver's name, <c>newton</c>.</summary>
    public const string SolverName = "newton";

    /// <inheritdoc />
    public string Name => SolverName;

    /// <inheritdoc />
    public PowerFlowResult Solve(PowerNetwork network, PowerFlowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= PowerFlowOptions.Default;
        options.Validate();
        var n = network.BusCount;
        var s = network.SlackIndex;

        // Bus admittance matrix in compressed rows (diagonal included): seed 000 eq. (18) G + jB.
        var rows = new Dictionary<int, (double G, double B)>[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = new Dictionary<int, (double, double)> { [i] = (network.ShuntG[i], network.ShuntB[i]) };
        }

        for (var k = 0; k < network.BranchFrom.Length; k++)
        {
            int f = network.BranchFrom[k], t = network.BranchTo[k];
            double r = network.BranchR[k], x = network.BranchX[k], hb = network.BranchB[k] / 2;
            var d = (r * r) + (x * x);
            double g = r / d, b = -x / d;
            Add(rows[f], f, g, b + hb);
            Add(rows[t], t, g, b + hb);
            Add(rows[f], t, -g, -b);
            Add(rows[t], f, -g, -b);
        }

        var rowStart = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            rowStart[i + 1] = rowStart[i] + rows[i].Count;
        }

        var col = new int[rowStart[n]];
        var yg = new double[rowStart[n]];
        var yb = new double[rowStart[n]];
        var diag = new int[n];
        for (var i = 0; i < n; i++)
        {
            var p = rowStart[i];
            foreach (var (c, (g, b)) in rows[i].OrderBy(e => e.Key))
            {
                col[p] = c;
                yg[p] = g;
                yb[p] = b;
                if (c == i)
                {
                    diag[i] = p;
                }

                p++;
            }
        }

        // Unknown numbering: θ of non-slack bus i at u[i], V at m + u[i].
        var u = new int[n];
        var m = 0;
        for (var i = 0; i < n; i++)
        {
            u[i] = i == s ? -1 : m++;
        }

        var order = 2 * m;
        var jac = new double[order * order];
        var rhs = new double[order];
        var ipiv = new int[order];
        var vm = new double[n];
        var va = new double[n];
        var pc = new double[n];
        var qc = new double[n];
        Array.Fill(vm, 1.0);
        vm[s] = network.Buses[s].VoltageSetpointPu;
        var provider = LinearAlgebraControl.Provider;

        var status = PowerFlowStatus.MaxIterationsReached;
        var iterations = 0;
        double maxF;
        while (true)
        {
            // Calculated injections and mismatch F = P_calc - P_spec(V), P_spec = -(P_p + P_i V) (Z part is in Y).
            maxF = 0;
            for (var i = 0; i < n; i++)
            {
                double p = 0, q = 0;
                for (var e = rowStart[i]; e < rowStart[i + 1]; e++)
                {
                    var h = col[e];
                    var th = va[i] - va[h];
                    var (sin, cos) = Math.SinCos(th);
                    p += vm[h] * ((yg[e] * cos) + (yb[e] * sin));
                    q += vm[h] * ((yg[e] * sin) - (yb[e] * cos));
                }

                pc[i] = vm[i] * p;
                qc[i] = vm[i] * q;
                if (i == s)
                {
                    continue;
                }

                var fp = pc[i] + network.PConstantPower[i] + (network.PConstantCurrent[i] * vm[i]);
                var fq = qc[i] + network.QConstantPower[i] + (network.QConstantCurrent[i] * vm[i]);
                rhs[u[i]] = -fp;
                rhs[m + u[i]] = -fq;
                maxF = Math.Max(maxF, Math.Max(Math.Abs(fp), Math.Abs(fq)));
            }

            if (!double.IsFinite(maxF))
            {
                status = PowerFlowStatus.Diverged;
                break;
            }

            if (maxF <= options.TolerancePu)
            {
                status = PowerFlowStatus.Converged;
                break;
            }

            if (iterations >= options.MaxIterations)
            {
                break;
            }

            // Jacobian (column-major for the provider).
            Array.Clear(jac);
            for (var i = 0; i < n; i++)
            {
                if (i == s)
                {
                    continue;
                }

                int rp = u[i], rq = m + u[i];
                for (var e = rowStart[i]; e < rowStart[i + 1]; e++)
                {
                    var h = col[e];
                    if (h == i || h == s)
                    {
                        continue;
                    }

                    var th = va[i] - va[h];
                    var (sin, cos) = Math.SinCos(th);
                    var gc = (yg[e] * cos) + (yb[e] * sin);
                    var gs = (yg[e] * sin) - (yb[e] * cos);
                    int ct = u[h], cv = m + u[h];
                    jac[(ct * order) + rp] = vm[i] * vm[h] * gs;
                    jac[(cv * order) + rp] = vm[i] * gc;
                    jac[(ct * order) + rq] = -vm[i] * vm[h] * gc;
                    jac[(cv * order) + rq] = vm[i] * gs;
                }

                double gii = yg[diag[i]], bii = yb[diag[i]], v = vm[i];
                int dt = u[i], dv = m + u[i];
                jac[(dt * order) + rp] = -qc[i] - (bii * v * v);
                jac[(dv * order) + rp] = (pc[i] / v) + (gii * v) + network.PConstantCurrent[i];
                jac[(dt * order) + rq] = pc[i] - (gii * v * v);
                jac[(dv * order) + rq] = (qc[i] / v) - (bii * v) + network.QConstantCurrent[i];
            }

            provider.LUFactor(jac, order, ipiv);
            provider.LUSolveFactored(1, jac, order, ipiv, rhs);
            iterations++;
            var bad = false;
            for (var i = 0; i < n; i++)
            {
                if (i == s)
                {
                    continue;
                }

                va[i] += rhs[u[i]];
                vm[i] += rhs[m + u[i]];
                bad |= !double.IsFinite(va[i]) || !double.IsFinite(vm[i]) || vm[i] <= 0;
            }

            if (bad)
            {
                status = PowerFlowStatus.Diverged;
                maxF = double.PositiveInfinity;
                break;
            }
        }

        var vr = new double[n];
        var vi = new double[n];
        for (var i = 0; i < n; i++)
        {
            vr[i] = vm[i] * Math.Cos(va[i]);
            vi[i] = vm[i] * Math.Sin(va[i]);
        }

        return PowerFlowResult.FromVoltages(network, SolverName, status, iterations, maxF, vr, vi);
    }

    private static void Add(Dictionary<int, (double G, double B)> row, int c, double g, double b)
    {
        row[c] = row.TryGetValue(c, out var old) ? (old.G + g, old.B + b) : (g, b);
    }
}
