namespace EvGrid.Optimization.Fleet;

/// <summary>
/// Battery SOC bounds that hold throughout a plug-in session: seed 000 eq. (15) (SOC ∈ [0.1, 0.95]: 10 % bottom
/// reserve, 5 % overcharge margin) and seed 002 eq. (28) (SOC_min ≤ SOC ≤ SOC_max).
/// </summary>
/// <param name="Min">Lower SOC bound (fraction of the battery capacity).</param>
/// <param name="Max">Upper SOC bound (fraction of the battery capacity).</param>
public readonly record struct SocLimits(double Min, double Max)
{
    /// <summary>Seed 000 §5.2.1: [0.1, 0.95].</summary>
    public static SocLimits Seed000 => new(0.1, 0.95);

    /// <summary>Throws <see cref="ArgumentException"/> unless 0 ≤ Min &lt; Max ≤ 1.</summary>
    public void Validate()
    {
        if (!(Min >= 0 && Min < Max && Max <= 1))
        {
            throw new ArgumentException($"SOC limits must satisfy 0 ≤ Min < Max ≤ 1, got Min {Min}, Max {Max}.");
        }
    }
}
