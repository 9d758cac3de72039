using System.Numerics;
using System.Runtime.InteropServices;

namespace EvGrid.Optimization.Objectives;

/// <summary>
/// f3 (seed 000 eq. (12)) and the node-voltage violation (eq. (19)) in one vectorised pass over a
/// <see cref="VoltageView"/>: what a scheduling problem needs for every candidate. Allocation-free; the lanes are
/// summed in a fixed order, so the result is the same on every run and thread.
/// </summary>
public static class VoltageMetrics
{
    /// <summary>Widest point-phase row handled with a stack mask; wider views take the scalar path.</summary>
    private const int MaxVectorWidth = 2048;

    /// <summary>
    /// Σ |U − U_0| (f3, pu) and Σ max(0, U_min − U, U − U_max) (pu) over slots, points and present phases.
    /// </summary>
    /// <param name="voltages">The voltages.</param>
    /// <param name="limits">Voltage limits (eq. (19)); null for <see cref="VoltageLimits.Default"/> (±7 %).</param>
    /// <param name="nominalPu">U_0 (pu), positive.</param>
    /// <returns>The offset sum and the violation sum.</returns>
    /// <exception cref="ArgumentException">A present phase holds NaN or ±∞ (the message names the slot, point and phase).</exception>
    public static (double OffsetPu, double ViolationPu) Evaluate(in VoltageView voltages, VoltageLimits? limits = null, double nominalPu = 1.0)
    {
        VoltageOffset.CheckNominal(nominalPu);
        limits ??= VoltageLimits.Default;
        var width = voltages.Points * voltages.Phases;
        var (offset, violation) = width <= MaxVectorWidth && Vector.IsHardwareAccelerated
            ? Vectorised(voltages, limits.MinPu, limits.MaxPu, nominalPu)
            : Scalar(voltages, limits.MinPu, limits.MaxPu, nominalPu);
        if (!double.IsFinite(offset) || !double.IsFinite(violation))
        {
            ThrowFirstNonFinite(voltages);
        }

        return (offset, violation);
    }

    private static (double, double) Vectorised(in VoltageView voltages, double lo, double hi, double nominal)
    {
        var values = voltages.ValuesPu;
        var mask = voltages.PhasePresent;
        var width = voltages.Points * voltages.Phases;
        var lanes = Vector<double>.Count;
        var body = width - (width % lanes);

        // The present-phase mask as all-ones / all-zero lanes, the same for every slot.
        Span<long> bits = stackalloc long[width];
        for (var k = 0; k < width; k++)
        {
            bits[k] = mask.IsEmpty || mask[k] ? -1L : 0L;
        }

        var maskVectors = MemoryMarshal.Cast<long, Vector<long>>(bits[..body]);
        var nom = new Vector<double>(nominal);
        var loV = new Vector<double>(lo);
        var hiV = new Vector<double>(hi);
        var offsetAcc = Vector<double>.Zero;
        var violationAcc = Vector<double>.Zero;
        var offsetTail = 0.0;
        var violationTail = 0.0;
        for (var s = 0; s < voltages.Slots; s++)
        {
            var row = values.Slice(s * width, width);
            var rowVectors = MemoryMarshal.Cast<double, Vector<double>>(row[..body]);
            for (var v = 0; v < rowVectors.Length; v++)
            {
                // Absent phases (possibly NaN) become U_0: they add nothing to either sum.
                var u = Vector.ConditionalSelect(maskVectors[v].As<long, double>(), rowVectors[v], nom);
                offsetAcc += Vector.Abs(u - nom);
                violationAcc += Vector.Max(Vector<double>.Zero, loV - u) + Vector.Max(Vector<double>.Zero, u - hiV);
            }

            for (var k = body; k < width; k++)
            {
                if (bits[k] != 0)
                {
                    var u = row[k];
                    offsetTail += Math.Abs(u - nominal);
                    violationTail += Math.Max(0.0, lo - u) + Math.Max(0.0, u - hi);
                }
            }
        }

        return (Vector.Sum(offsetAcc) + offsetTail, Vector.Sum(violationAcc) + violationTail);
    }

    private static (double, double) Scalar(in VoltageView voltages, double lo, double hi, double nominal)
    {
        var values = voltages.ValuesPu;
        var mask = voltages.PhasePresent;
        var width = voltages.Points * voltages.Phases;
        var offset = 0.0;
        var violation = 0.0;
        for (var s = 0; s < voltages.Slots; s++)
        {
            var row = values.Slice(s * width, width);
            for (var k = 0; k < width; k++)
            {
                if (mask.IsEmpty || mask[k])
                {
                    var u = row[k];
                    offset += Math.Abs(u - nominal);
                    violation += Math.Max(0.0, lo - u) + Math.Max(0.0, u - hi);
                }
            }
        }

        return (offset, violation);
    }

    private static void ThrowFirstNonFinite(in VoltageView voltages)
    {
        var values = voltages.ValuesPu;
        var width = voltages.Points * voltages.Phases;
        for (var s = 0; s < voltages.Slots; s++)
        {
            for (var k = 0; k < width; k++)
            {
                if (voltages.IsPresent(k / voltages.Phases, k % voltages.Phases) && !double.IsFinite(values[s * width + k]))
                {
                    voltages.ThrowNotFinite(s, k);
                }
            }
        }

        // Only finite present values, yet a sum overflowed: report it rather than return ±∞.
        throw new ArgumentException("The voltage sums overflowed: the voltages are far outside any physical range.", nameof(voltages));
    }
}
