namespace EvGrid.Optimization.Objectives;

/// <summary>
/// A read-only view of node voltage magnitudes over a day: <c>values[(slot · Points + point) · Phases + phase]</c> in pu,
/// with <c>present[point · Phases + phase]</c> telling which phases exist at each point (absent phases are ignored, their
/// values may be NaN). A balanced (single-phase equivalent) network is <c>Phases = 1</c> with every point present.
/// </summary>
public readonly ref struct VoltageView
{
    /// <summary>Creates a view, checking the sizes.</summary>
    /// <param name="slots">Number of time slots T (≥ 1).</param>
    /// <param name="points">Number of points (nodes) J (≥ 1).</param>
    /// <param name="phases">Phases per point (≥ 1, 3 for a three-phase network).</param>
    /// <param name="valuesPu">Voltage magnitudes (pu), <c>slots · points · phases</c> values.</param>
    /// <param name="phasePresent">Mask of present phases, <c>points · phases</c> values; empty means every phase is present.</param>
    public VoltageView(int slots, int points, int phases, ReadOnlySpan<double> valuesPu, ReadOnlySpan<bool> phasePresent = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(phases, 1);
        if (valuesPu.Length != slots * points * phases)
        {
            throw new ArgumentException($"valuesPu holds {valuesPu.Length} values, expected slots · points · phases = {slots * points * phases}.", nameof(valuesPu));
        }

        if (!phasePresent.IsEmpty && phasePresent.Length != points * phases)
        {
            throw new ArgumentException($"phasePresent holds {phasePresent.Length} values, expected points · phases = {points * phases}.", nameof(phasePresent));
        }

        Slots = slots;
        Points = points;
        Phases = phases;
        ValuesPu = valuesPu;
        PhasePresent = phasePresent;
    }

    /// <summary>Number of slots T.</summary>
    public int Slots { get; }

    /// <summary>Number of points J.</summary>
    public int Points { get; }

    /// <summary>Phases per point.</summary>
    public int Phases { get; }

    /// <summary>Magnitudes (pu), <c>[(slot · Points + point) · Phases + phase]</c>.</summary>
    public ReadOnlySpan<double> ValuesPu { get; }

    /// <summary>Present-phase mask <c>[point · Phases + phase]</c>; empty when every phase is present.</summary>
    public ReadOnlySpan<bool> PhasePresent { get; }

    /// <summary>True when the view holds no data (the default value).</summary>
    public bool IsEmpty => ValuesPu.IsEmpty;

    /// <summary>Whether phase <paramref name="phase"/> exists at point <paramref name="point"/>.</summary>
    /// <param name="point">Point index.</param>
    /// <param name="phase">Phase index.</param>
    /// <returns>True when present.</returns>
    public bool IsPresent(int point, int phase) => PhasePresent.IsEmpty || PhasePresent[point * Phases + phase];

    /// <summary>Magnitude (pu) at a slot, point and phase.</summary>
    /// <param name="slot">Slot.</param>
    /// <param name="point">Point.</param>
    /// <param name="phase">Phase.</param>
    /// <returns>|U| (pu).</returns>
    public double this[int slot, int point, int phase] => ValuesPu[((slot * Points) + point) * Phases + phase];

    /// <summary>Number of present point-phases times slots: the count the normalised voltage offset divides by.</summary>
    public int PresentCount
    {
        get
        {
            if (PhasePresent.IsEmpty)
            {
                return Slots * Points * Phases;
            }

            var n = 0;
            foreach (var p in PhasePresent)
            {
                n += p ? 1 : 0;
            }

            return n * Slots;
        }
    }

    /// <summary>Throws for the non-finite present value at flat point-phase index <paramref name="pointPhase"/> of <paramref name="slot"/>.</summary>
    internal void ThrowNotFinite(int slot, int pointPhase)
    {
        var point = pointPhase / Phases;
        var phase = pointPhase % Phases;
        throw new ArgumentException($"Voltage at slot {slot}, point {point}, phase {phase} is {this[slot, point, phase]} pu, not a finite number.", "voltages");
    }
}

/// <summary>
/// Seed 000 objective f3, eq. (12): the voltage offset Σ_t Σ_j |U_{j,t} − U_{j,0}| (pu) over every slot, point and
/// present phase, U_{j,0} being the nominal voltage (1 pu by default). Allocation-free.
/// </summary>
public static class VoltageOffset
{
    /// <summary>The sum of eq. (12) (pu): the default form of f3, as printed in seed 000.</summary>
    /// <param name="voltages">The voltages.</param>
    /// <param name="nominalPu">U_0 (pu), positive.</param>
    /// <returns>Σ |U − U_0| (pu).</returns>
    public static double Evaluate(in VoltageView voltages, double nominalPu = 1.0) =>
        VoltageMetrics.Evaluate(voltages, null, nominalPu).OffsetPu;

    /// <summary>
    /// eq. (12) divided by the number of present point-phase-slots: the mean offset (pu), comparable across feeders and
    /// slot lengths.
    /// </summary>
    /// <param name="voltages">The voltages (at least one present phase).</param>
    /// <param name="nominalPu">U_0 (pu).</param>
    /// <returns>Mean |U − U_0| (pu).</returns>
    public static double EvaluateMean(in VoltageView voltages, double nominalPu = 1.0)
    {
        var n = voltages.PresentCount;
        if (n == 0)
        {
            throw new ArgumentException("The voltage view has no present phase.", nameof(voltages));
        }

        return Evaluate(voltages, nominalPu) / n;
    }

    /// <summary>
    /// Largest |U − U_0| / U_0 over slots and points, per phase, in percent (the "maximum voltage offset of phase A/B/C"
    /// of seed 000 §6.2). A phase present nowhere gets 0.
    /// </summary>
    /// <param name="voltages">The voltages.</param>
    /// <param name="maxPercent">Receives one value per phase (length ≥ <see cref="VoltageView.Phases"/>).</param>
    /// <param name="nominalPu">U_0 (pu).</param>
    public static void MaxPercentPerPhase(in VoltageView voltages, Span<double> maxPercent, double nominalPu = 1.0)
    {
        CheckNominal(nominalPu);
        if (maxPercent.Length < voltages.Phases)
        {
            throw new ArgumentException($"maxPercent holds {maxPercent.Length} values, expected at least {voltages.Phases}.", nameof(maxPercent));
        }

        maxPercent[..voltages.Phases].Clear();
        for (var s = 0; s < voltages.Slots; s++)
        {
            for (var j = 0; j < voltages.Points; j++)
            {
                for (var ph = 0; ph < voltages.Phases; ph++)
                {
                    if (voltages.IsPresent(j, ph))
                    {
                        var u = voltages[s, j, ph];
                        if (!double.IsFinite(u))
                        {
                            voltages.ThrowNotFinite(s, j * voltages.Phases + ph);
                        }

                        maxPercent[ph] = Math.Max(maxPercent[ph], 100.0 * Math.Abs(u - nominalPu) / nominalPu);
                    }
                }
            }
        }
    }

    internal static void CheckNominal(double nominalPu)
    {
        if (!(nominalPu > 0) || !double.IsFinite(nominalPu))
        {
            throw new ArgumentOutOfRangeException(nameof(nominalPu), nominalPu, "The nominal voltage must be a positive number (pu).");
        }
    }
}
