using System.Numerics;

namespace EvGrid.Optimization.Network.ThreePhase;

/// <summary>
/// Reusable state of the three-phase sweep for one feeder (one per thread): node voltages (kept between solves for
/// warm starts), injections, branch currents, regulator taps and load multipliers. Solving into a workspace allocates
/// nothing.
/// </summary>
public sealed class ThreePhaseWorkspace
{
    internal ThreePhaseWorkspace(ThreePhaseFeeder feeder)
    {
        Feeder = feeder;
        V = new Complex[feeder.NodeCount * 3];
        History = new Complex[feeder.NodeCount * 3];
        INode = new Complex[feeder.NodeCount * 3];
        J = new Complex[feeder.BranchCount * 3];
        SourceCurrent = new Complex[3];
        Taps = new int[feeder.RegulatorArray.Length * 3];
        RelayVolts = new double[feeder.RegulatorArray.Length * 3];
        LoadMultipliers = new double[feeder.LoadGroupCount];
        LoadCoefficients = new Complex[feeder.Loads.Length];
        ExtraCoefficients = new Complex[feeder.NodeCount * 3];
        ExtraIndex = new int[feeder.NodeCount * 3];
        ExtraSlot = new int[feeder.NodeCount * 3];
        Array.Fill(ExtraSlot, -1);
        ResetTaps();
        SetLoadMultiplier(1.0);
    }

    /// <summary>The feeder this workspace solves.</summary>
    public ThreePhaseFeeder Feeder { get; }

    /// <summary>Whether <see cref="V"/> holds a previous solution (warm start).</summary>
    public bool HasSolution { get; internal set; }

    internal Complex[] V { get; }

    internal Complex[] INode { get; }

    /// <summary>Voltages of the slot before the last one (time-series predictor).</summary>
    internal Complex[] History { get; }

    internal Complex[] J { get; }

    internal Complex[] SourceCurrent { get; }

    internal int[] Taps { get; }

    internal double[] RelayVolts { get; }

    internal double[] LoadMultipliers { get; }

    internal Complex[] LoadCoefficients { get; }

    /// <summary>conj(S) of the extra constant-PQ wye demand per node phase, VA (index node·3 + phase).</summary>
    internal Complex[] ExtraCoefficients { get; }

    /// <summary>Node-phase indices (node·3 + phase) that carry an extra demand, the first <see cref="ExtraCount"/> in use.</summary>
    internal int[] ExtraIndex { get; }

    /// <summary>Position of a node phase in <see cref="ExtraIndex"/>, or −1.</summary>
    internal int[] ExtraSlot { get; }

    /// <summary>Number of node phases with an extra demand.</summary>
    internal int ExtraCount { get; private set; }

    /// <summary>
    /// Adds an extra constant-power demand, wye-connected, on one phase of a node: <paramref name="kw"/> and
    /// <paramref name="kvar"/> of any sign (positive = drawn from the feeder, e.g. EV charging; negative = injected,
    /// e.g. V2G discharge or DG output). Repeated calls on the same node phase add up. The feeder's own loads and their
    /// multipliers are not touched; <see cref="ClearExtraDemand"/> removes every extra demand.
    /// </summary>
    /// <param name="node">Node index (see <see cref="ThreePhaseFeeder.NodeIds"/>); not the source (index 0).</param>
    /// <param name="phase">Phase index 0..2; present on the node.</param>
    /// <param name="kw">Active demand, kW; finite.</param>
    /// <param name="kvar">Reactive demand, kVAr; finite.</param>
    public void AddExtraDemand(int node, int phase, double kw, double kvar)
    {
        if ((uint)node >= (uint)Feeder.NodeCount || Feeder.ParentBranch[node] < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(node), node, $"node index must be 1..{Feeder.NodeCount - 1} (0 is the source)");
        }

        if ((uint)phase > 2 || !Feeder.NodePhaseArray[node].Has(phase))
        {
            throw new ArgumentOutOfRangeException(nameof(phase), phase, $"phase {phase} is not present on node '{Feeder.NodeIdArray[node]}' ({Feeder.NodePhaseArray[node].ToLetters()})");
        }

        if (!double.IsFinite(kw) || !double.IsFinite(kvar))
        {
            throw new ArgumentOutOfRangeException(nameof(kw), $"extra demand at node '{Feeder.NodeIdArray[node]}' phase {PhaseSets.Letter(phase)} must be finite, got {kw} kW, {kvar} kVAr");
        }

        AddExtraUnchecked((node * 3) + phase, kw * 1000.0, kvar * 1000.0);
    }

    /// <summary>Removes every extra demand added by <see cref="AddExtraDemand"/>.</summary>
    public void ClearExtraDemand()
    {
        for (var i = 0; i < ExtraCount; i++)
        {
            var k = ExtraIndex[i];
            ExtraCoefficients[k] = Complex.Zero;
            ExtraSlot[k] = -1;
        }

        ExtraCount = 0;
    }

    /// <summary>Adds conj(S) = W − j·VAr to a node phase (no checks; the caller validated).</summary>
    internal void AddExtraUnchecked(int nodePhase, double watts, double vars)
    {
        if (ExtraSlot[nodePhase] < 0)
        {
            ExtraSlot[nodePhase] = ExtraCount;
            ExtraIndex[ExtraCount++] = nodePhase;
        }

        ExtraCoefficients[nodePhase] += new Complex(watts, -vars);
    }

    /// <summary>Current tap of a regulator phase.</summary>
    /// <param name="regulator">Regulator index (see <see cref="ThreePhaseFeeder.Regulators"/>).</param>
    /// <param name="phase">Phase index 0..2.</param>
    /// <returns>The tap.</returns>
    public int GetTap(int regulator, int phase) => Taps[regulator * 3 + phase];

    /// <summary>Sets the tap of a regulator phase (−16..16).</summary>
    /// <param name="regulator">Regulator index.</param>
    /// <param name="phase">Phase index 0..2.</param>
    /// <param name="tap">Tap.</param>
    public void SetTap(int regulator, int phase, int tap)
    {
        if (Math.Abs(tap) > StepVoltageRegulator.MaxTap)
        {
            throw new ArgumentOutOfRangeException(nameof(tap), tap, $"tap must be within ±{StepVoltageRegulator.MaxTap}");
        }

        Taps[regulator * 3 + phase] = tap;
    }

    /// <summary>Restores the taps given in the feeder data.</summary>
    public void ResetTaps()
    {
        for (var r = 0; r < Feeder.RegulatorArray.Length; r++)
        {
            for (var p = 0; p < 3; p++)
            {
                Taps[r * 3 + p] = Feeder.RegulatorArray[r].Taps[p];
            }
        }
    }

    /// <summary>Scales every load by the same multiplier (1 = the feeder data).</summary>
    /// <param name="multiplier">Load multiplier, ≥ 0.</param>
    public void SetLoadMultiplier(double multiplier)
    {
        if (!(multiplier >= 0) || !double.IsFinite(multiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, "load multiplier must be finite and ≥ 0");
        }

        Array.Fill(LoadMultipliers, multiplier);
        RefreshLoadCoefficients();
    }

    /// <summary>Sets one multiplier per input load (spot loads first, then distributed loads, in feeder data order).</summary>
    /// <param name="multipliers">Multipliers, length <see cref="ThreePhaseFeeder.LoadGroupCount"/>, each ≥ 0.</param>
    public void SetLoadMultipliers(ReadOnlySpan<double> multipliers)
    {
        if (multipliers.Length != LoadMultipliers.Length)
        {
            throw new ArgumentException($"expected {LoadMultipliers.Length} load multipliers, got {multipliers.Length}", nameof(multipliers));
        }

        for (var i = 0; i < multipliers.Length; i++)
        {
            if (!(multipliers[i] >= 0) || !double.IsFinite(multipliers[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(multipliers), multipliers[i], $"load multiplier {i} must be finite and ≥ 0");
            }
        }

        multipliers.CopyTo(LoadMultipliers);
        RefreshLoadCoefficients();
    }

    /// <summary>
    /// Sets multipliers and load coefficients computed earlier by <see cref="SetLoadMultipliers"/> for the same
    /// multipliers (copies, no checks; bit-identical to recomputing them).
    /// </summary>
    internal void CopyLoadState(ReadOnlySpan<double> multipliers, ReadOnlySpan<Complex> coefficients)
    {
        multipliers.CopyTo(LoadMultipliers);
        coefficients.CopyTo(LoadCoefficients);
    }

    /// <summary>Forgets the previous solution: the next solve starts flat (no-load voltages).</summary>
    public void Invalidate() => HasSolution = false;

    /// <summary>
    /// Load current coefficients c so that I = c / conj(V) (PQ), c·V/|V| (I) or c·V (Z), from conj(S)/V_rated^(2−k).
    /// </summary>
    private void RefreshLoadCoefficients()
    {
        var loads = Feeder.Loads;
        for (var i = 0; i < loads.Length; i++)
        {
            var l = loads[i];
            var s = Complex.Conjugate(l.RatedVa) * LoadMultipliers[l.Group];
            LoadCoefficients[i] = l.Model.Type switch
            {
                LoadType.ConstantPower => s,
                LoadType.ConstantCurrent => s / l.RatedVolts,
                _ => s / (l.RatedVolts * l.RatedVolts),
            };
        }
    }
}
