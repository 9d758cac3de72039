namespace EvGrid.Optimization.Fleet;

/// <summary>Photovoltaic output model, seed 002 eq. (1): P = P_r·h/h_s for h ≤ h_s, else P_r.</summary>
public sealed class PvModel
{
    /// <summary>Creates a PV model.</summary>
    /// <param name="ratedKw">Rated output P_P (kW, &gt; 0).</param>
    /// <param name="ratedIrradianceKwPerM2">Rated irradiance h_s (kW/m², &gt; 0). Seed 002 §6.1: 1 kW/m².</param>
    public PvModel(double ratedKw, double ratedIrradianceKwPerM2 = 1.0)
    {
        if (!(ratedKw > 0) || double.IsInfinity(ratedKw))
        {
            throw new ArgumentException($"ratedKw must be finite and > 0, got {ratedKw}.", nameof(ratedKw));
        }

        if (!(ratedIrradianceKwPerM2 > 0) || double.IsInfinity(ratedIrradianceKwPerM2))
        {
            throw new ArgumentException($"ratedIrradianceKwPerM2 must be finite and > 0, got {ratedIrradianceKwPerM2}.", nameof(ratedIrradianceKwPerM2));
        }

        RatedKw = ratedKw;
        RatedIrradianceKwPerM2 = ratedIrradianceKwPerM2;
    }

    /// <summary>Rated output P_P (kW).</summary>
    public double RatedKw { get; }

    /// <summary>Rated irradiance h_s (kW/m²).</summary>
    public double RatedIrradianceKwPerM2 { get; }

    /// <summary>Output at irradiance <paramref name="irradianceKwPerM2"/> (kW), seed 002 eq. (1).</summary>
    /// <param name="irradianceKwPerM2">Irradiance h (kW/m², ≥ 0).</param>
    /// <returns>P_PV (kW).</returns>
    public double OutputKw(double irradianceKwPerM2)
    {
        if (!(irradianceKwPerM2 >= 0) || double.IsInfinity(irradianceKwPerM2))
        {
            throw new ArgumentException($"Irradiance must be finite and ≥ 0 kW/m², got {irradianceKwPerM2}.", nameof(irradianceKwPerM2));
        }

        return irradianceKwPerM2 <= RatedIrradianceKwPerM2 ? RatedKw * irradianceKwPerM2 / RatedIrradianceKwPerM2 : RatedKw;
    }

    /// <summary>Output for a series of irradiances (kW), element-wise.</summary>
    /// <param name="irradianceKwPerM2">Irradiances (kW/m²).</param>
    /// <param name="outputKw">Destination (same length).</param>
    public void OutputKw(ReadOnlySpan<double> irradianceKwPerM2, Span<double> outputKw)
    {
        if (outputKw.Length < irradianceKwPerM2.Length)
        {
            throw new ArgumentException("Destination is shorter than the input.", nameof(outputKw));
        }

        for (var i = 0; i < irradianceKwPerM2.Length; i++)
        {
            outputKw[i] = OutputKw(irradianceKwPerM2[i]);
        }
    }
}

/// <summary>
/// Wind-turbine output model, seed 002 eq. (2): 0 below the cut-in speed v_i and from the cut-off speed v_o,
/// P_r·(v − v_i)/(v_s − v_i) between cut-in and rated speed v_s, P_r from v_s to v_o.
/// </summary>
/// <remarks>
/// Seed 002 §6.1 prints cut-in 13.5 m/s and rated 3 m/s, which would make eq. (2) decrease with wind speed; the two
/// are swapped (DESIGN errata) and <see cref="Seed002"/> uses cut-in 3 m/s, rated 13.5 m/s, cut-off 20 m/s. The
/// constructor rejects v_i ≥ v_s.
/// </remarks>
public sealed class WindTurbineModel
{
    /// <summary>Creates a wind-turbine model.</summary>
    /// <param name="ratedKw">Rated output P_D (kW).</param>
    /// <param name="cutInMps">Cut-in speed v_i (m/s).</param>
    /// <param name="ratedMps">Rated speed v_s (m/s), above cut-in.</param>
    /// <param name="cutOutMps">Cut-off speed v_o (m/s), above rated.</param>
    public WindTurbineModel(double ratedKw, double cutInMps, double ratedMps, double cutOutMps)
    {
        if (!(ratedKw > 0) || double.IsInfinity(ratedKw))
        {
            throw new ArgumentException($"ratedKw must be finite and > 0, got {ratedKw}.", nameof(ratedKw));
        }

        if (!(cutInMps >= 0 && cutInMps < ratedMps && ratedMps < cutOutMps && double.IsFinite(cutOutMps)))
        {
            throw new ArgumentException(
                $"Wind speeds must satisfy 0 ≤ cut-in < rated < cut-off, got cut-in {cutInMps}, rated {ratedMps}, cut-off {cutOutMps} m/s (seed 002 prints cut-in and rated swapped: use 3 and 13.5 m/s).");
        }

        RatedKw = ratedKw;
        CutInMps = cutInMps;
        RatedMps = ratedMps;
        CutOutMps = cutOutMps;
    }

    /// <summary>Seed 002 §6.1 turbine with the errata fixed: 100 kW, cut-in 3 m/s, rated 13.5 m/s, cut-off 20 m/s.</summary>
    public static WindTurbineModel Seed002 { get; } = new(100, 3, 13.5, 20);

    /// <summary>Rated output (kW).</summary>
    public double RatedKw { get; }

    /// <summary>Cut-in speed (m/s).</summary>
    public double CutInMps { get; }

    /// <summary>Rated speed (m/s).</summary>
    public double RatedMps { get; }

    /// <summary>Cut-off speed (m/s).</summary>
    public double CutOutMps { get; }

    /// <summary>Output at wind speed <paramref name="speedMps"/> (kW), seed 002 eq. (2).</summary>
    /// <param name="speedMps">Wind speed (m/s, ≥ 0).</param>
    /// <returns>P_DW (kW).</returns>
    public double OutputKw(double speedMps)
    {
        if (!(speedMps >= 0) || double.IsInfinity(speedMps))
        {
            throw new ArgumentException($"Wind speed must be finite and ≥ 0 m/s, got {speedMps}.", nameof(speedMps));
        }

        if (speedMps < CutInMps || speedMps >= CutOutMps)
        {
            return 0;
        }

        return speedMps < RatedMps ? RatedKw * (speedMps - CutInMps) / (RatedMps - CutInMps) : RatedKw;
    }

    /// <summary>Output for a series of wind speeds (kW), element-wise.</summary>
    /// <param name="speedMps">Wind speeds (m/s).</param>
    /// <param name="outputKw">Destination (same length).</param>
    public void OutputKw(ReadOnlySpan<double> speedMps, Span<double> outputKw)
    {
        if (outputKw.Length < speedMps.Length)
        {
            throw new ArgumentException("Destination is shorter than the input.", nameof(outputKw));
        }

        for (var i = 0; i < speedMps.Length; i++)
        {
            outputKw[i] = OutputKw(speedMps[i]);
        }
    }
}
