using System.Globalization;
using System.Numerics;

namespace EvGrid.Optimization.Network.ThreePhase;

/// <summary>
/// A line configuration: the phase impedance matrix (Ω/mile) and shunt admittance matrix (µS/mile), 3×3 row-major in
/// a-b-c order with zeros for absent phases. Give the matrices directly (as the IEEE feeder documents do) or compute
/// them from conductors and spacing with <see cref="FromGeometry"/>.
/// </summary>
public sealed record LineConfiguration
{
    /// <summary>Creates a configuration from matrices.</summary>
    /// <param name="name">Configuration name, e.g. "601".</param>
    /// <param name="phases">Phases present.</param>
    /// <param name="impedanceOhmPerMile">Series phase impedance matrix, Ω/mile, 9 entries row-major.</param>
    /// <param name="admittanceMicroSiemensPerMile">Shunt admittance matrix, µS/mile, 9 entries row-major (j·B for lines).</param>
    /// <exception cref="NetworkValidationException">Bad phases, matrix size or entries (the message names the configuration and value).</exception>
    public LineConfiguration(string name, PhaseSet phases, IReadOnlyList<Complex> impedanceOhmPerMile, IReadOnlyList<Complex> admittanceMicroSiemensPerMile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(impedanceOhmPerMile);
        ArgumentNullException.ThrowIfNull(admittanceMicroSiemensPerMile);
        if (phases == PhaseSet.None || (int)phases > 7)
        {
            throw new NetworkValidationException($"configuration {name}", $"phases must be a non-empty subset of ABC (was {phases})");
        }

        if (impedanceOhmPerMile.Count != 9 || admittanceMicroSiemensPerMile.Count != 9)
        {
            throw new NetworkValidationException($"configuration {name}", $"impedance and admittance matrices must have 9 entries (3×3), got {impedanceOhmPerMile.Count} and {admittanceMicroSiemensPerMile.Count}");
        }

        for (var k = 0; k < 9; k++)
        {
            var z = impedanceOhmPerMile[k];
            var y = admittanceMicroSiemensPerMile[k];
            if (!double.IsFinite(z.Real) || !double.IsFinite(z.Imaginary) || !double.IsFinite(y.Real) || !double.IsFinite(y.Imaginary))
            {
                throw new NetworkValidationException($"configuration {name}", $"matrix entry ({PhaseSets.Letter(k / 3)},{PhaseSets.Letter(k % 3)}) is not finite (z {z.ToString(CultureInfo.InvariantCulture)} Ω/mile, y {y.ToString(CultureInfo.InvariantCulture)} µS/mile)");
            }

            var present = phases.Has(k / 3) && phases.Has(k % 3);
            if (!present && (z != Complex.Zero || y != Complex.Zero))
            {
                throw new NetworkValidationException($"configuration {name}", $"entry ({PhaseSets.Letter(k / 3)},{PhaseSets.Letter(k % 3)}) is non-zero (z {z.ToString(CultureInfo.InvariantCulture)} Ω/mile, y {y.ToString(CultureInfo.InvariantCulture)} µS/mile) but the phase is absent from {phases.ToLetters()}");
            }
        }

        Name = name;
        Phases = phases;
        ImpedanceOhmPerMile = impedanceOhmPerMile.ToArray();
        AdmittanceMicroSiemensPerMile = admittanceMicroSiemensPerMile.ToArray();
    }

    /// <summary>Configuration name.</summary>
    public string Name { get; }

    /// <summary>Phases present.</summary>
    public PhaseSet Phases { get; }

    /// <summary>Series phase impedance matrix, Ω/mile, row-major 3×3 (a, b, c).</summary>
    public IReadOnlyList<Complex> ImpedanceOhmPerMile { get; }

    /// <summary>Shunt admittance matrix, µS/mile, row-major 3×3 (a, b, c).</summary>
    public IReadOnlyList<Complex> AdmittanceMicroSiemensPerMile { get; }

    /// <summary>Creates a configuration from resistance, reactance (Ω/mile) and susceptance (µS/mile) matrices.</summary>
    /// <param name="name">Configuration name.</param>
    /// <param name="phases">Phases present.</param>
    /// <param name="rOhmPerMile">Resistance matrix, 9 entries.</param>
    /// <param name="xOhmPerMile">Reactance matrix, 9 entries.</param>
    /// <param name="bMicroSiemensPerMile">Shunt susceptance matrix, 9 entries.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="NetworkValidationException">A matrix without 9 entries, or a bad entry.</exception>
    public static LineConfiguration FromRxb(string name, PhaseSet phases, IReadOnlyList<double> rOhmPerMile, IReadOnlyList<double> xOhmPerMile, IReadOnlyList<double> bMicroSiemensPerMile)
    {
        ArgumentNullException.ThrowIfNull(rOhmPerMile);
        ArgumentNullException.ThrowIfNull(xOhmPerMile);
        ArgumentNullException.ThrowIfNull(bMicroSiemensPerMile);
        if (rOhmPerMile.Count != 9 || xOhmPerMile.Count != 9 || bMicroSiemensPerMile.Count != 9)
        {
            throw new NetworkValidationException($"configuration {name}", $"R, X and B must have 9 entries each (3×3 row-major), got {rOhmPerMile.Count}, {xOhmPerMile.Count} and {bMicroSiemensPerMile.Count}");
        }

        var z = new Complex[9];
        var y = new Complex[9];
        for (var k = 0; k < 9; k++)
        {
            z[k] = new Complex(rOhmPerMile[k], xOhmPerMile[k]);
            y[k] = new Complex(0, bMicroSiemensPerMile[k]);
        }

        return new LineConfiguration(name, phases, z, y);
    }

    /// <summary>Computes a configuration from conductors and spacing (Carson's modified equations + Kron reduction).</summary>
    /// <param name="name">Configuration name.</param>
    /// <param name="conductors">Phase and neutral conductors with positions.</param>
    /// <param name="earthResistivityOhmMeter">Earth resistivity, Ω·m.</param>
    /// <param name="frequencyHz">Frequency, Hz.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="NetworkValidationException">A bad conductor, position, phase letter, earth resistivity or frequency
    /// (the message names the configuration and value).</exception>
    public static LineConfiguration FromGeometry(string name, IReadOnlyList<ConductorPlacement> conductors, double earthResistivityOhmMeter = 100.0, double frequencyHz = 60.0)
    {
        ArgumentNullException.ThrowIfNull(conductors);
        var element = $"configuration {name}";
        try
        {
            var phases = PhaseSet.None;
            foreach (var c in conductors)
            {
                if (char.ToUpperInvariant(c.Phase) != 'N')
                {
                    phases |= PhaseSets.Parse(c.Phase.ToString());
                }
            }

            return new LineConfiguration(
                name,
                phases,
                CarsonKron.PhaseImpedanceOhmPerMile(conductors, earthResistivityOhmMeter, frequencyHz),
                CarsonKron.PhaseAdmittanceMicroSiemensPerMile(conductors, frequencyHz));
        }
        catch (Exception ex) when (ex is FormatException || (ex is ArgumentException && ex is not NetworkValidationException))
        {
            throw new NetworkValidationException(element, ex.Message, ex);
        }
    }
}

/// <summary>How a load is connected: wye (line-to-neutral) or delta (line-to-line).</summary>
public enum LoadConnection
{
    /// <summary>Wye: ph1..ph3 are phases a, b, c.</summary>
    Wye,

    /// <summary>Delta: ph1..ph3 are the branches ab, bc, ca.</summary>
    Delta,
}

/// <summary>The voltage dependence of a load (the IEEE PQ, I and Z models).</summary>
public enum LoadType
{
    /// <summary>Constant power (PQ): S independent of voltage.</summary>
    ConstantPower,

    /// <summary>Constant current (I): |I| fixed at its rated value, power factor angle kept.</summary>
    ConstantCurrent,

    /// <summary>Constant impedance (Z): the impedance that draws the rated power at rated voltage.</summary>
    ConstantImpedance,
}

/// <summary>A load model: connection plus voltage dependence (the six IEEE models Y-PQ, Y-I, Y-Z, D-PQ, D-I, D-Z).</summary>
/// <param name="Connection">Wye or delta.</param>
/// <param name="Type">PQ, I or Z.</param>
public readonly record struct LoadModel(LoadConnection Connection, LoadType Type)
{
    /// <summary>Parses an IEEE code such as "Y-PQ", "D-I", "D-Z" (case-insensitive).</summary>
    /// <param name="code">The code.</param>
    /// <returns>The model.</returns>
    /// <exception cref="FormatException">An unknown code.</exception>
    public static LoadModel Parse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var parts = code.Trim().ToUpperInvariant().Split('-');
        if (parts.Length != 2)
        {
            throw new FormatException($"load model '{code}': expected Y-PQ, Y-I, Y-Z, D-PQ, D-I or D-Z");
        }

        var conn = parts[0] switch
        {
            "Y" => LoadConnection.Wye,
            "D" => LoadConnection.Delta,
            _ => throw new FormatException($"load model '{code}': connection must be Y or D"),
        };
        var type = parts[1] switch
        {
            "PQ" => LoadType.ConstantPower,
            "I" => LoadType.ConstantCurrent,
            "Z" => LoadType.ConstantImpedance,
            _ => throw new FormatException($"load model '{code}': type must be PQ, I or Z"),
        };
        return new LoadModel(conn, type);
    }

    /// <summary>The IEEE code, e.g. "D-PQ".</summary>
    /// <returns>The code.</returns>
    public override string ToString() =>
        (Connection == LoadConnection.Wye ? "Y-" : "D-") + Type switch
        {
            LoadType.ConstantPower => "PQ",
            LoadType.ConstantCurrent => "I",
            _ => "Z",
        };
}

/// <summary>A spot load at a bus. kW/kVAr per phase (wye) or per delta branch ab, bc, ca, at rated voltage.</summary>
/// <param name="Bus">Bus id.</param>
/// <param name="Model">Load model.</param>
/// <param name="Kw">Active power per phase/branch, kW (3 entries).</param>
/// <param name="Kvar">Reactive power per phase/branch, kVAr (3 entries).</param>
public sealed record SpotLoad(string Bus, LoadModel Model, IReadOnlyList<double> Kw, IReadOnlyList<double> Kvar);

/// <summary>A load spread uniformly along a line segment. See <see cref="DistributedLoadPlacement"/> for how it is placed.</summary>
/// <param name="From">Segment start bus (source side or not; the order is resolved).</param>
/// <param name="To">Segment end bus.</param>
/// <param name="Model">Load model.</param>
/// <param name="Kw">Total active power per phase/branch, kW.</param>
/// <param name="Kvar">Total reactive power per phase/branch, kVAr.</param>
public sealed record DistributedLoad(string From, string To, LoadModel Model, IReadOnlyList<double> Kw, IReadOnlyList<double> Kvar);

/// <summary>How a distributed load is placed on its segment.</summary>
public enum DistributedLoadPlacement
{
    /// <summary>
    /// Kersting's exact lumped model (ch. 3.3): ⅔ of the load at a new node ¼ of the length from the source end and ⅓
    /// at the far end. It gives the right voltage drop and the right loss of a uniformly distributed load.
    /// </summary>
    KerstingExactLumped,

    /// <summary>Half of the load at each end of the segment (no new node).</summary>
    HalfAtEachEnd,

    /// <summary>The whole load at a new node at the middle of the segment.</summary>
    Midpoint,
}

/// <summary>A wye-connected shunt capacitor bank: constant susceptance, kVAr per phase at rated line-to-neutral voltage.</summary>
/// <param name="Bus">Bus id.</param>
/// <param name="Kvar">Rated kVAr per phase a, b, c (3 entries, 0 where absent).</param>
public sealed record ShuntCapacitor(string Bus, IReadOnlyList<double> Kvar);

/// <summary>Line-drop-compensator settings of a step-voltage regulator (all voltages on the 120 V relay base).</summary>
/// <param name="PtRatio">Potential transformer ratio (line-to-neutral volts per relay volt).</param>
/// <param name="CtPrimaryAmps">CT primary rating, A (secondary 1 A, so compensator volts = ohms).</param>
/// <param name="RVolts">Compensator R setting per phase, V.</param>
/// <param name="XVolts">Compensator X setting per phase, V.</param>
/// <param name="VoltageLevel">Voltage level (band centre) per phase, V on 120 V base.</param>
/// <param name="BandwidthVolts">Bandwidth, V (the band is level ± bandwidth/2).</param>
public sealed record RegulatorControl(double PtRatio, double CtPrimaryAmps, IReadOnlyList<double> RVolts, IReadOnlyList<double> XVolts, IReadOnlyList<double> VoltageLevel, double BandwidthVolts)
{
    /// <summary>The control band of one phase, level ± bandwidth/2, V on the 120 V base: the tap stays while the relay
    /// voltage is inside it (edges included).</summary>
    /// <param name="phase">Phase index 0–2.</param>
    /// <returns>The band's lower and upper edge.</returns>
    public (double LowVolts, double HighVolts) Band(int phase)
        => (VoltageLevel[phase] - (BandwidthVolts / 2), VoltageLevel[phase] + (BandwidthVolts / 2));
}

/// <summary>
/// A step-voltage regulator: three single-phase units in wye, ±16 steps of 0.625 % (0.00625 pu per step). The output
/// voltage is V_out = (1 + 0.00625·tap)·V_in and I_in = (1 + 0.00625·tap)·I_out per phase (ideal, lossless; the
/// IEEE 13/34 published solutions use this effective ratio).
/// </summary>
/// <param name="Name">Name (also the id of its output bus unless <paramref name="OutputBus"/> differs).</param>
/// <param name="InputBus">Input (source side) bus.</param>
/// <param name="OutputBus">Output (load side) bus, created by the regulator.</param>
/// <param name="Phases">Regulated phases.</param>
/// <param name="Taps">Tap per phase a, b, c (−16..16; ignored where the phase is absent).</param>
/// <param name="Control">LDC settings (used when the regulator control loop is on).</param>
public sealed record StepVoltageRegulator(string Name, string InputBus, string OutputBus, PhaseSet Phases, IReadOnlyList<int> Taps, RegulatorControl? Control)
{
    /// <summary>Per-unit voltage change of one step.</summary>
    public const double StepPu = 0.00625;

    /// <summary>Largest tap magnitude.</summary>
    public const int MaxTap = 16;
}

/// <summary>Transformer winding connections supported (Kersting ch. 8 generalized matrices).</summary>
public enum TransformerConnection
{
    /// <summary>Grounded wye – grounded wye (e.g. IEEE XFM-1).</summary>
    GroundedWyeGroundedWye,

    /// <summary>Delta (high) – grounded wye (low), step-down, low side lags by 30° (the IEEE substation transformer).</summary>
    DeltaGroundedWye,
}

/// <summary>A three-phase two-winding transformer between two buses; impedance referred to the low side.</summary>
/// <param name="Name">Name.</param>
/// <param name="HighBus">High-voltage (source side) bus.</param>
/// <param name="LowBus">Low-voltage bus.</param>
/// <param name="Connection">Winding connection.</param>
/// <param name="RatedKva">Three-phase rating, kVA.</param>
/// <param name="HighKvLineToLine">High-side rated voltage, kV line-to-line.</param>
/// <param name="LowKvLineToLine">Low-side rated voltage, kV line-to-line.</param>
/// <param name="ResistancePercent">Series resistance, % on rating.</param>
/// <param name="ReactancePercent">Series reactance, % on rating.</param>
/// <param name="Phases">Phases (grounded wye–grounded wye banks may use a subset; delta needs all three).</param>
public sealed record ThreePhaseTransformer(string Name, string HighBus, string LowBus, TransformerConnection Connection, double RatedKva, double HighKvLineToLine, double LowKvLineToLine, double ResistancePercent, double ReactancePercent, PhaseSet Phases = PhaseSet.ABC);

/// <summary>A line segment between two buses using a <see cref="LineConfiguration"/>.</summary>
/// <param name="From">From bus.</param>
/// <param name="To">To bus.</param>
/// <param name="LengthFeet">Length, ft.</param>
/// <param name="Configuration">Configuration name.</param>
public sealed record LineSegment(string From, string To, double LengthFeet, string Configuration);

/// <summary>A closed switch (zero impedance) between two buses.</summary>
/// <param name="From">From bus.</param>
/// <param name="To">To bus.</param>
/// <param name="Phases">Phases switched.</param>
public sealed record SwitchSegment(string From, string To, PhaseSet Phases);

/// <summary>The swing bus: a balanced (or given) three-phase voltage.</summary>
/// <param name="Bus">Bus id.</param>
/// <param name="KvLineToLine">Rated voltage, kV line-to-line (defines the bases downstream).</param>
/// <param name="VoltagePu">Held magnitude, pu of the line-to-neutral base.</param>
/// <param name="AnglesDeg">Angles of phases a, b, c, degrees.</param>
public sealed record ThreePhaseSource(string Bus, double KvLineToLine, double VoltagePu, IReadOnlyList<double> AnglesDeg);
