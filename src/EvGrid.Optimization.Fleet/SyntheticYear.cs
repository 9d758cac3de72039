using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace EvGrid.Optimization.Fleet;

/// <summary>Parameters of the synthetic weather-and-load year (defaults documented in docs/models.md).</summary>
public sealed record SyntheticYearOptions
{
    /// <summary>Seed; the same seed gives the same year.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Number of days (365 → 8 760 h).</summary>
    public int Days { get; init; } = 365;

    /// <summary>Latitude (degrees north) of the solar geometry. Default 30° N.</summary>
    public double LatitudeDeg { get; init; } = 30;

    /// <summary>Annual mean wind speed (m/s) at hub height. Default 7 m/s.</summary>
    public double MeanWindMps { get; init; } = 7;

    /// <summary>Relative seasonal amplitude of the wind speed (windiest in mid-February). Default 0.25.</summary>
    public double WindSeasonalAmplitude { get; init; } = 0.25;

    /// <summary>Relative daily amplitude of the wind speed (windiest at 15:00). Default 0.15.</summary>
    public double WindDailyAmplitude { get; init; } = 0.15;

    /// <summary>Weibull shape k of the hourly wind speed. Default 2 (Rayleigh).</summary>
    public double WindWeibullShape { get; init; } = 2;

    /// <summary>Hour-to-hour autocorrelation of the latent Gaussian wind process. Default 0.9.</summary>
    public double WindAutocorrelation { get; init; } = 0.9;

    /// <summary>Beta(a, b) of the daily clearness factor scaling clear-sky irradiance. Default (4, 2), mean 0.67.</summary>
    public (double A, double B) Clearness { get; init; } = (4, 2);

    /// <summary>Relative seasonal amplitude of the load (peaks mid-January and mid-July). Default 0.12.</summary>
    public double LoadSeasonalAmplitude { get; init; } = 0.12;

    /// <summary>Weekend load factor. Default 0.92.</summary>
    public double WeekendLoadFactor { get; init; } = 0.92;
}

/// <summary>
/// Seeded generator of a synthetic year of hourly wind speed, irradiance and base load (pu of the annual peak),
/// standing in for the 8 760-h data neither seed paper publishes.
/// </summary>
/// <remarks>
/// <para>Wind: Weibull(k, λ(d, h)) marginals through a Gaussian copula on an AR(1) latent process
/// z_h = ρ z_{h−1} + √(1−ρ²) ε; the mean speed is
/// V̄·(1 + a_s cos(2π(d − 45)/365))·(1 + a_d cos(2π(h − 15)/24)), windier in winter and spring (seed 002 Fig. 1),
/// λ = mean / Γ(1 + 1/k).</para>
/// <para>Irradiance: Haurwitz clear-sky global irradiance G = 1.098 sin α · exp(−0.057 / sin α) kW/m² from the solar
/// elevation α (declination 23.45° sin(2π(284 + d)/365), hour angle 15°(h + 0.5 − 12)), times a daily clearness
/// factor ~ Beta(a, b) and an hourly factor ~ U[0.9, 1.1], capped at 1.1 kW/m²; summer is brighter by geometry.</para>
/// <para>Load: a daily shape with a morning (10:30) and an evening (19:30) peak over a night trough,
/// 0.55 + 0.25 e^{−(h−10.5)²/8} + 0.35 e^{−(h−19.5)²/6}, times 1 + a_L cos(4π(d − 15)/365) (higher in summer and
/// winter), the weekend factor on days 5 and 6 of each week, and N(1, 0.03²) daily and N(0, 0.02²) hourly noise,
/// scaled to an annual peak of 1 pu.</para>
/// </remarks>
public sealed class SyntheticYearGenerator
{
    /// <summary>Generates a year.</summary>
    /// <param name="options">Options (seed, days, climate parameters).</param>
    /// <returns>The weather year (load in pu of its peak).</returns>
    public WeatherYear Generate(SyntheticYearOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Days < 1 || options.Days > 3660)
        {
            throw new ArgumentException($"Days must lie in [1, 3660], got {options.Days}.", nameof(options));
        }

        if (!(options.LatitudeDeg > -90 && options.LatitudeDeg < 90))
        {
            throw new ArgumentException($"LatitudeDeg must lie in (−90, 90), got {options.LatitudeDeg}.", nameof(options));
        }

        if (!(options.MeanWindMps > 0) || !(options.WindWeibullShape > 0) || !(Math.Abs(options.WindAutocorrelation) < 1))
        {
            throw new ArgumentException("MeanWindMps and WindWeibullShape must be > 0 and |WindAutocorrelation| < 1.", nameof(options));
        }

        if (!(options.Clearness.A > 0 && options.Clearness.B > 0))
        {
            throw new ArgumentException($"Clearness Beta parameters must be > 0, got {options.Clearness}.", nameof(options));
        }

        var hours = options.Days * 24;
        var wind = new double[hours];
        var irr = new double[hours];
        var load = new double[hours];
        var rng = new Xoshiro256StarStar(options.Seed, false);
        var k = options.WindWeibullShape;
        var gammaFactor = SpecialFunctions.Gamma(1 + 1 / k);
        var rho = options.WindAutocorrelation;
        var innovation = Math.Sqrt(1 - rho * rho);
        var z = Normal.Sample(rng, 0, 1);
        var lat = options.LatitudeDeg * Math.PI / 180;
        for (var d = 0; d < options.Days; d++)
        {
            var clearness = Beta.Sample(rng, options.Clearness.A, options.Clearness.B);
            var dayNoise = Normal.Sample(rng, 1, 0.03);
            var season = 1 + options.LoadSeasonalAmplitude * Math.Cos(4 * Math.PI * (d - 15) / 365.0);
            var weekend = d % 7 is 5 or 6 ? options.WeekendLoadFactor : 1.0;
            var decl = 23.45 * Math.PI / 180 * Math.Sin(2 * Math.PI * (284 + d + 1) / 365.0);
            var windSeason = 1 + options.WindSeasonalAmplitude * Math.Cos(2 * Math.PI * (d - 45) / 365.0);
            for (var h = 0; h < 24; h++)
            {
                var i = d * 24 + h;
                z = rho * z + innovation * Normal.Sample(rng, 0, 1);
                var mean = options.MeanWindMps * windSeason * (1 + options.WindDailyAmplitude * Math.Cos(2 * Math.PI * (h - 15) / 24.0));
                var lambda = Math.Max(mean, 0.01) / gammaFactor;
                var u = Math.Clamp(Normal.CDF(0, 1, z), 1e-12, 1 - 1e-12);
                wind[i] = lambda * Math.Pow(-Math.Log(1 - u), 1 / k);

                var hourAngle = 15.0 * (h + 0.5 - 12) * Math.PI / 180;
                var sinAlt = Math.Sin(lat) * Math.Sin(decl) + Math.Cos(lat) * Math.Cos(decl) * Math.Cos(hourAngle);
                var hourly = ContinuousUniform.Sample(rng, 0.9, 1.1);
                irr[i] = sinAlt > 0.01 ? Math.Min(1.1, 1.098 * sinAlt * Math.Exp(-0.057 / sinAlt) * clearness * hourly) : 0.0;

                var shape = 0.55 + 0.25 * Math.Exp(-(h - 10.5) * (h - 10.5) / 8) + 0.35 * Math.Exp(-(h - 19.5) * (h - 19.5) / 6);
                load[i] = Math.Max(0, shape * season * weekend * dayNoise + Normal.Sample(rng, 0, 0.02));
            }
        }

        var peak = load.Max();
        for (var i = 0; i < hours; i++)
        {
            load[i] /= peak;
        }

        return new WeatherYear(wind, irr, load, "pu");
    }
}
