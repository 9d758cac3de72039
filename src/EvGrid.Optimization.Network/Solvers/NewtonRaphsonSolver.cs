using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double.Solvers;
using MathNet.Numerics.LinearAlgebra.Solvers;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace EvGrid.Optimization.Network;

/// <summary>How <see cref="NewtonRaphsonSolver"/> solves its linear systems (all through MathNet.Numerics).</summary>
public enum NewtonLinearSolver
{
    /// <summary>
    /// Dense LU (MathNet's linear-algebra provider) up to 600 unknowns on a radial network and 2 000 on a meshed one.
    /// Above: the sparse Jacobian with
    /// unknowns ordered leaves-first, factorised by MathNet's ILU(0) — the exact LU of a radial network in this order —
    /// or, for a meshed network, ILU(0)-preconditioned BiCGStab; a step whose residual is too large is redone with the
    /// dense LU (up to 4 000 unknowns). MathNet's ILU(0) costs O(n²) lookups, so this path suits a few thousand buses;
    /// the backward/forward sweep is the tool for large radial feeders.
    /// </summary>
    Auto = 0,

    /// <summary>Dense LU with partial pivoting for every step (O(n³); fine up to a few hundred buses).</summary>
    DenseLu = 1,
}

/// <summary>Starting point of <see cref="NewtonRaphsonSolver"/>.</summary>
public enum NewtonStart
{
    /// <summary>
    /// Radial networks start from one backward/forward sweep from a flat start (O(n), usually saves one Newton step);
    /// meshed networks from a flat start.
    /// </summary>
    SweepIfRadial = 0,

    /// <summary>Flat start: every voltage at the slack setpoint, every angle 0.</summary>
    Flat = 1,
}

/// <summary>
/// Newton–Raphson power flow in polar coordinates for any network, meshed included. The mismatch equations are the
/// nodal power balance of seed 000 eq. (18) and seed 002 eq. (25):
/// P<sub>i</sub> = V<sub>i</sub> Σ<sub>h</sub> V<sub>h</sub>(G<sub>ih</sub> cos θ<sub>ih</sub> + B<sub>ih</sub> sin θ<sub>ih</sub>),
/// Q<sub>i</sub> = V<sub>i</sub> Σ<sub>h</sub> V<sub>h</sub>(G<sub>ih</sub> sin θ<sub>ih</sub> − B<sub>ih</sub> cos θ<sub>ih</sub>),
/// with voltage-dependent (ZIP) specified injections. Each iteration solves J·[Δθ; ΔV] = −F with MathNet.Numerics
/// (see <see cref="NewtonLinearSolver"/>); it stops when the largest mismatch is at most the tolerance (pu).
/// </summary>
/// <remarks>
/// Seed 000 eq. (18) prints "+ B cos" in the Q equation; the sign used here (and in seed 002 eq. 25) is minus.
/// </remarks>
public sealed class NewtonRaphsonSolver : IPowerFlowSolver
{
    /// <summary>The solver's name, <c>newton</c>.</summary>
    public const string SolverName = "newton";

    /// <summary>Creates the solver.</summary>
    /// <param name="linearSolver">How the Newton steps are solved.</param>
    /// <param name="start">Starting point.</param>
    public NewtonRaphsonSolver(NewtonLinearSolver linearSolver = NewtonLinearSolver.Auto, NewtonStart start = NewtonStart.SweepIfRadial)
    {
        if (!Enum.IsDefined(linearSolver))
        {
            throw new ArgumentOutOfRangeException(nameof(linearSolver), linearSolver, "unknown linear solver.");
        }

        if (!Enum.IsDefined(start))
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "unknown starting point.");
        }

        LinearSolver = linearSolver;
        Start = start;
    }

    /// <summary>Starting point.</summary>
    public NewtonStart Start { get; }

    /// <inheritdoc />
    public string Name => SolverName;

    /// <summary>How the Newton steps are solved.</summary>
    public NewtonLinearSolver LinearSolver { get; }

    /// <summary>Number of Newton steps whose sparse solve was rejected and redone with the dense LU (diagnostics).</summary>
    public int DenseFallbacks => _denseFallbacks;

    private int _denseFallbacks;

    /// <inheritdoc />
    public PowerFlowResult Solve(PowerNetwork network, PowerFlowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= PowerFlowOptions.Default;
        options.Validate();
        var n = network.BusCount;
        var s = network.SlackIndex;

        // Bus admittance matrix in compressed rows: G + jB of seed 000 eq. (18).
        var y = network.Admittance;
        var rowStart = y.RowStart;
        var col = y.Column;
        var yg = y.G;
        var yb = y.B;
        var diag = y.Diagonal;
        var gc = new double[col.Length];   // G cos θ + B sin θ per entry
        var gs = new double[col.Length];   // G sin θ - B cos θ per entry
        var pattern = y.JacobianPattern(s);
        var u = pattern.Position;          // θ of bus i is unknown 2u[i], V is 2u[i] + 1
        var order = pattern.Order;
        var values = new double[pattern.ColumnIndex.Length];
        var rhs = new double[order];
        double[]? denseBuffer = null;

        var vm = new double[n];
        var va = new double[n];
        var pc = new double[n];
        var qc = new double[n];
        Array.Fill(vm, network.Buses[s].VoltageSetpointPu);
        if (Start == NewtonStart.SweepIfRadial && network.IsRadial && n > 1)
        {
            // One backward/forward sweep from flat: V_k = V_parent - Z_k J_k with the currents of the flat voltages.
            var sweep = new RadialSweepWorkspace(network);
            sweep.Solve(0, 1);
            var vr0 = new double[n];
            var vi0 = new double[n];
            sweep.CopyVoltages(vr0, vi0);
            for (var i = 0; i < n; i++)
            {
                var mag = Math.Sqrt((vr0[i] * vr0[i]) + (vi0[i] * vi0[i]));
                if (double.IsFinite(mag) && mag > 0.5)
                {
                    vm[i] = mag;
                    va[i] = Math.Atan2(vi0[i], vr0[i]);
                }
            }
        }

        vm[s] = network.Buses[s].VoltageSetpointPu;
        va[s] = 0;

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
                    var (sin, cos) = Math.SinCos(va[i] - va[h]);
                    var c1 = (yg[e] * cos) + (yb[e] * sin);
                    var c2 = (yg[e] * sin) - (yb[e] * cos);
                    gc[e] = c1;
                    gs[e] = c2;
                    p += vm[h] * c1;
                    q += vm[h] * c2;
                }

                pc[i] = vm[i] * p;
                qc[i] = vm[i] * q;
                if (i == s)
                {
                    continue;
                }

                var fp = pc[i] + network.PConstantPower[i] + (network.PConstantCurrent[i] * vm[i]);
                var fq = qc[i] + network.QConstantPower[i] + (network.QConstantCurrent[i] * vm[i]);
                rhs[2 * u[i]] = -fp;
                rhs[(2 * u[i]) + 1] = -fq;
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

            // Jacobian in the sparse pattern: rows 2u (P) and 2u+1 (Q), 2x2 blocks per admittance entry.
            for (var i = 0; i < n; i++)
            {
                if (i == s)
                {
                    continue;
                }

                var rp = pattern.RowPointer[2 * u[i]];
                var rq = pattern.RowPointer[(2 * u[i]) + 1];
                for (var e = rowStart[i]; e < rowStart[i + 1]; e++)
                {
                    var h = col[e];
                    if (h == s)
                    {
                        continue;
                    }

                    var k = 2 * pattern.EntrySlot[e];
                    if (h == i)
                    {
                        double gii = yg[diag[i]], bii = yb[diag[i]], v = vm[i];
                        values[rp + k] = -qc[i] - (bii * v * v);
                        values[rp + k + 1] = (pc[i] / v) + (gii * v) + network.PConstantCurrent[i];
                        values[rq + k] = pc[i] - (gii * v * v);
                        values[rq + k + 1] = (qc[i] / v) - (bii * v) + network.QConstantCurrent[i];
                    }
                    else
                    {
                        values[rp + k] = vm[i] * vm[h] * gs[e];
                        values[rp + k + 1] = vm[i] * gc[e];
                        values[rq + k] = -vm[i] * vm[h] * gc[e];
                        values[rq + k + 1] = vm[i] * gs[e];
                    }
                }
            }

            var dx = SolveLinear(pattern, values, rhs, network.IsRadial, ref denseBuffer);
            iterations++;
            var bad = dx is null;
            for (var i = 0; i < n && !bad; i++)
            {
                if (i == s)
                {
                    continue;
                }

                va[i] += dx![2 * u[i]];
                vm[i] += dx[(2 * u[i]) + 1];
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

    /// <summary>Solves J x = rhs; null when the system is singular or the solution is not finite.</summary>
    private double[]? SolveLinear(JacobianPattern pattern, double[] values, double[] rhs, bool radial, ref double[]? denseBuffer)
    {
        var order = pattern.Order;
        if (order == 0)
        {
            return [];
        }

        if (LinearSolver == NewtonLinearSolver.Auto && order > (radial ? DenseLimitRadial : DenseLimitMeshed))
        {
            var matrix = Matrix<double>.Build.SparseFromCompressedSparseRowFormat(
                order, order, values.Length, pattern.RowPointer, pattern.ColumnIndex, values);
            var b = Vector<double>.Build.DenseOfArray(rhs);
            var x = Vector<double>.Build.Dense(order);
            try
            {
                var ilu = new ILU0Preconditioner();
                ilu.Initialize(matrix);
                if (radial)
                {
                    // Exact LU in leaves-first order: one forward and one backward substitution.
                    ilu.Approximate(b, x);
                }
                else
                {
                    var iterator = new Iterator<double>(
                        new IterationCountStopCriterion<double>(1000),
                        new ResidualStopCriterion<double>(1e-12),
                        new DivergenceStopCriterion<double>());
                    new BiCgStab().Solve(matrix, b, x, iterator, ilu);
                }

                if (ResidualIsSmall(matrix, x, b))
                {
                    return x.AsArray() ?? x.ToArray();
                }
            }
            catch (ArgumentException)
            {
                // Zero pivot or breakdown: try the dense LU below.
            }
            catch (ArithmeticException)
            {
                // Numerical breakdown: try the dense LU below.
            }

            Interlocked.Increment(ref _denseFallbacks);
            if (order > DenseLimitFallback)
            {
                return null;
            }
        }

        // Dense column-major copy of the pattern, LU with partial pivoting by MathNet's linear-algebra provider.
        denseBuffer ??= new double[order * order];
        var dense = denseBuffer;
        Array.Clear(dense);
        for (var row = 0; row < order; row++)
        {
            for (var k = pattern.RowPointer[row]; k < pattern.RowPointer[row + 1]; k++)
            {
                dense[(pattern.ColumnIndex[k] * order) + row] = values[k];
            }
        }

        var solution = (double[])rhs.Clone();
        var ipiv = new int[order];
        var provider = LinearAlgebraControl.Provider;
        provider.LUFactor(dense, order, ipiv);
        provider.LUSolveFactored(1, dense, order, ipiv, solution);
        return Array.TrueForAll(solution, double.IsFinite) ? solution : null;
    }

    /// <summary>Above this many unknowns <see cref="NewtonLinearSolver.Auto"/> uses ILU(0) on a radial network.</summary>
    private const int DenseLimitRadial = 600;

    /// <summary>Above this many unknowns <see cref="NewtonLinearSolver.Auto"/> uses BiCGStab on a meshed network.</summary>
    private const int DenseLimitMeshed = 2000;

    private const int DenseLimitFallback = 4000;

    /// <summary>‖J x − b‖∞ ≤ 1e-9 · max(‖b‖∞, 1e-12) and x finite.</summary>
    private static bool ResidualIsSmall(Matrix<double> matrix, Vector<double> x, Vector<double> b)
    {
        var r = matrix * x;
        var worst = 0.0;
        var scale = Math.Max(b.AbsoluteMaximum(), 1e-12);
        for (var i = 0; i < r.Count; i++)
        {
            var d = Math.Abs(r[i] - b[i]);
            if (!double.IsFinite(d) || !double.IsFinite(x[i]))
            {
                return false;
            }

            worst = Math.Max(worst, d);
        }

        return worst <= 1e-9 * scale;
    }
}
