using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace EvGrid.Optimization.Network.ThreePhase;

/// <summary>An overhead conductor type (Kersting, <i>Distribution System Modeling and Analysis</i>, Appendix A).</summary>
/// <param name="Name">Name, e.g. "1/0 ACSR".</param>
/// <param name="ResistanceOhmPerMile">AC resistance at 50 °C, Ω/mile.</param>
/// <param name="GmrFeet">Geometric mean radius, ft.</param>
/// <param name="DiameterInches">Outside diameter, inches (used for the shunt capacitance).</param>
public sealed record OverheadConductor(string Name, double ResistanceOhmPerMile, double GmrFeet, double DiameterInches);

/// <summary>A conductor hung at a position on a pole: phase 'A', 'B', 'C' or a neutral 'N'.</summary>
/// <param name="Phase">'A', 'B', 'C' or 'N' (several neutrals are allowed; all are Kron-reduced).</param>
/// <param name="Conductor">The conductor type.</param>
/// <param name="XFeet">Horizontal position, ft.</param>
/// <param name="HeightFeet">Height above ground, ft.</param>
public sealed record ConductorPlacement(char Phase, OverheadConductor Conductor, double XFeet, double HeightFeet);

/// <summary>
/// Series impedance and shunt admittance of an overhead line from its conductors and spacing: Carson's modified
/// equations with Kron reduction of the neutral(s) (Kersting, ch. 4 eq. 4.41–4.42 and 4.59; ch. 5 eq. 5.13–5.16
/// for the potential coefficients). The results are 3×3 matrices in a, b, c order, zero for absent phases.
/// </summary>
public static class CarsonKron
{
    /// <summary>One mile in feet.</summary>
    public const double FeetPerMile = 5280.0;

    /// <summary>
    /// Phase impedance matrix, Ω/mile (row-major 3×3, a-b-c), by Carson's modified equations
    /// z_ii = r_i + π²fG + j4πfG (ln(1/GMR_i) + 7.6786 + ½ ln(ρ/f)), z_ij = π²fG + j4πfG (ln(1/D_ij) + 7.6786 + ½ ln(ρ/f)),
    /// G = 0.1609347e-3 Ω/mile, then Kron reduction z_abc = z_ij − z_in z_nn⁻¹ z_nj.
    /// </summary>
    /// <param name="conductors">Phase and neutral conductors with positions.</param>
    /// <param name="earthResistivityOhmMeter">Earth resistivity ρ, Ω·m (100 in the IEEE feeders).</param>
    /// <param name="frequencyHz">System frequency f, Hz.</param>
    /// <returns>Row-major 3×3 complex matrix, Ω/mile.</returns>
    public static Complex[] PhaseImpedanceOhmPerMile(
        IReadOnlyList<ConductorPlacement> conductors, double earthResistivityOhmMeter = 100.0, double frequencyHz = 60.0)
    {
        var ordered = Order(conductors);
        if (earthResistivityOhmMeter <= 0 || !double.IsFinite(earthResistivityOhmMeter))
        {
            throw new ArgumentOutOfRangeException(nameof(earthResistivityOhmMeter), earthResistivityOhmMeter, "earth resistivity must be > 0 Ω·m");
        }

        if (frequencyHz <= 0 || !double.IsFinite(frequencyHz))
        {
            throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, "frequency must be > 0 Hz");
        }

        const double g = 0.1609347e-3;
        var real = Math.PI * Math.PI * frequencyHz * g;
        var imag = 4 * Math.PI * frequencyHz * g;
        var k = 7.6786 + 0.5 * Math.Log(earthResistivityOhmMeter / frequencyHz);
        var n = ordered.Count;
        var z = Matrix<Complex>.Build.Dense(n, n);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                z[i, j] = i == j
                    ? new Complex(ordered[i].Conductor.ResistanceOhmPerMile + real, imag * (Math.Log(1.0 / ordered[i].Conductor.GmrFeet) + k))
                    : new Complex(real, imag * (Math.Log(1.0 / Distance(ordered[i], ordered[j])) + k));
            }
        }

        return ToAbc(KronReduce(z, PhaseCount(ordered)), ordered);
    }

    /// <summary>
    /// Phase shunt admittance matrix, µS/mile (row-major 3×3, a-b-c): potential coefficients
    /// P_ii = 11.17689 ln(S_ii/RD_i), P_ij = 11.17689 ln(S_ij/D_ij) (mile/µF, with images below ground), Kron-reduced,
    /// inverted to C_abc (µF/mile), and y_abc = jωC_abc.
    /// </summary>
    /// <param name="conductors">Phase and neutral conductors with positions.</param>
    /// <param name="frequencyHz">System frequency, Hz.</param>
    /// <returns>Row-major 3×3 complex matrix, µS/mile (purely imaginary).</returns>
    public static Complex[] PhaseAdmittanceMicroSiemensPerMile(IReadOnlyList<ConductorPlacement> conductors, double frequencyHz = 60.0)
    {
        var ordered = Order(conductors);
        var n = ordered.Count;
        var p = Matrix<Complex>.Build.Dense(n, n);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var ci = ordered[i];
                var cj = ordered[j];
                if (ci.Conductor.DiameterInches <= 0)
                {
                    throw new ArgumentException($"conductor '{ci.Conductor.Name}': diameter must be > 0 inches (was {ci.Conductor.DiameterInches})", nameof(conductors));
                }

                var image = Math.Sqrt(Math.Pow(ci.XFeet - cj.XFeet, 2) + Math.Pow(ci.HeightFeet + cj.HeightFeet, 2));
                var inside = i == j ? ci.Conductor.DiameterInches / 24.0 : Distance(ci, cj);
                p[i, j] = 11.17689 * Math.Log(image / inside);
            }
        }

        var phases = PhaseCount(ordered);
        var reduced = KronReduce(p, phases);
        var c = reduced.Inverse();
        var omega = 2 * Math.PI * frequencyHz;
        return ToAbc(c.Map(x => new Complex(0, omega * x.Real)), ordered);
    }

    private static List<ConductorPlacement> Order(IReadOnlyList<ConductorPlacement> conductors)
    {
        ArgumentNullException.ThrowIfNull(conductors);
        var list = new List<ConductorPlacement>();
        foreach (var phase in "ABC")
        {
            var found = conductors.Where(c => char.ToUpperInvariant(c.Phase) == phase).ToList();
            if (found.Count > 1)
            {
                throw new ArgumentException($"phase {phase} is given {found.Count} times", nameof(conductors));
            }

            list.AddRange(found);
        }

        if (list.Count == 0)
        {
            throw new ArgumentException("no phase conductor (A, B or C) given", nameof(conductors));
        }

        foreach (var c in conductors)
        {
            var ph = char.ToUpperInvariant(c.Phase);
            if (ph == 'N')
            {
                list.Add(c);
            }
            else if (ph is not ('A' or 'B' or 'C'))
            {
                throw new ArgumentException($"conductor phase '{c.Phase}' is not A, B, C or N", nameof(conductors));
            }

            if (c.Conductor.GmrFeet <= 0 || c.Conductor.ResistanceOhmPerMile < 0 || c.HeightFeet <= 0)
            {
                throw new ArgumentException(
                    $"conductor '{c.Conductor.Name}' at phase {c.Phase}: GMR must be > 0 ft, resistance ≥ 0 Ω/mile and height > 0 ft", nameof(conductors));
            }
        }

        for (var i = 0; i < list.Count; i++)
        {
            for (var j = i + 1; j < list.Count; j++)
            {
                if (Distance(list[i], list[j]) <= 0)
                {
                    throw new ArgumentException($"conductors {list[i].Phase} and {list[j].Phase} are at the same position", nameof(conductors));
                }
            }
        }

        return list;
    }

    private static int PhaseCount(List<ConductorPlacement> ordered) => ordered.Count(c => char.ToUpperInvariant(c.Phase) != 'N');

    private static double Distance(ConductorPlacement a, ConductorPlacement b) =>
        Math.Sqrt(Math.Pow(a.XFeet - b.XFeet, 2) + Math.Pow(a.HeightFeet - b.HeightFeet, 2));

    /// <summary>Kron reduction: keeps the first <paramref name="keep"/> rows/columns, eliminating the rest.</summary>
    internal static Matrix<Complex> KronReduce(Matrix<Complex> m, int keep)
    {
        var n = m.RowCount;
        if (keep == n)
        {
            return m.Clone();
        }

        var zij = m.SubMatrix(0, keep, 0, keep);
        var zin = m.SubMatrix(0, keep, keep, n - keep);
        var znj = m.SubMatrix(keep, n - keep, 0, keep);
        var znn = m.SubMatrix(keep, n - keep, keep, n - keep);
        return zij - zin * znn.Inverse() * znj;
    }

    private static Complex[] ToAbc(Matrix<Complex> reduced, List<ConductorPlacement> ordered)
    {
        var result = new Complex[9];
        var index = new int[reduced.RowCount];
        for (var i = 0; i < index.Length; i++)
        {
            index[i] = char.ToUpperInvariant(ordered[i].Phase) - 'A';
        }

        for (var i = 0; i < index.Length; i++)
        {
            for (var j = 0; j < index.Length; j++)
            {
                result[index[i] * 3 + index[j]] = reduced[i, j];
            }
        }

        return result;
    }
}
