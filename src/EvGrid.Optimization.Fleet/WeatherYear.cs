using System.Globalization;
using System.Text;

namespace EvGrid.Optimization.Fleet;

/// <summary>
/// Hourly wind speed, irradiance and base load over whole days (normally a year of 8 760 h), the input of the
/// typical-day reduction (seed 002 §2).
/// </summary>
/// <remarks>
/// CSV form (<see cref="ReadCsv"/>, <see cref="WriteCsv"/>): a header row naming the columns
/// <c>wind_m_s</c> (wind speed, m/s), <c>irradiance_kw_m2</c> (global horizontal irradiance, kW/m²) and
/// <c>load</c> (base load in any unit, e.g. kW or pu), in any order; other columns (e.g. <c>hour</c> or a
/// timestamp) are ignored. One row per hour starting at 00:00 of the first day, a whole number of days (8 760 rows
/// for a year; 8 784 for a leap year). Decimal point, comma separator; blank lines and lines starting with
/// <c>#</c> are skipped.
/// </remarks>
public sealed class WeatherYear
{
    private readonly double[] _wind;
    private readonly double[] _irradiance;
    private readonly double[] _load;

    /// <summary>Creates a weather year (arrays are copied) and validates it.</summary>
    /// <param name="windMps">Wind speed per hour (m/s, ≥ 0).</param>
    /// <param name="irradianceKwPerM2">Irradiance per hour (kW/m², ≥ 0).</param>
    /// <param name="load">Base load per hour (finite).</param>
    /// <param name="loadUnit">Unit of the load, for display (e.g. "pu", "kW").</param>
    public WeatherYear(ReadOnlySpan<double> windMps, ReadOnlySpan<double> irradianceKwPerM2, ReadOnlySpan<double> load, string loadUnit = "pu")
    {
        if (windMps.Length != irradianceKwPerM2.Length || windMps.Length != load.Length)
        {
            throw new ArgumentException($"Series lengths differ: wind {windMps.Length}, irradiance {irradianceKwPerM2.Length}, load {load.Length} h.");
        }

        if (windMps.Length == 0 || windMps.Length % 24 != 0)
        {
            throw new ArgumentException($"A weather year must hold a whole, non-zero number of days of hours, got {windMps.Length} h.");
        }

        for (var h = 0; h < windMps.Length; h++)
        {
            if (!(windMps[h] >= 0) || double.IsInfinity(windMps[h]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Wind speed at hour {h} must be finite and ≥ 0 m/s, got {windMps[h]}."));
            }

            if (!(irradianceKwPerM2[h] >= 0) || double.IsInfinity(irradianceKwPerM2[h]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Irradiance at hour {h} must be finite and ≥ 0 kW/m², got {irradianceKwPerM2[h]}."));
            }

            if (!double.IsFinite(load[h]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Load at hour {h} must be finite, got {load[h]}."));
            }
        }

        _wind = windMps.ToArray();
        _irradiance = irradianceKwPerM2.ToArray();
        _load = load.ToArray();
        LoadUnit = loadUnit ?? "";
    }

    /// <summary>Number of hours.</summary>
    public int Hours => _wind.Length;

    /// <summary>Number of days.</summary>
    public int Days => _wind.Length / 24;

    /// <summary>Unit of <see cref="Load"/>.</summary>
    public string LoadUnit { get; }

    /// <summary>Wind speed per hour (m/s).</summary>
    public ReadOnlySpan<double> WindMps => _wind;

    /// <summary>Irradiance per hour (kW/m²).</summary>
    public ReadOnlySpan<double> IrradianceKwPerM2 => _irradiance;

    /// <summary>Base load per hour (<see cref="LoadUnit"/>).</summary>
    public ReadOnlySpan<double> Load => _load;

    /// <summary>Reads the CSV form (see the class remarks).</summary>
    /// <param name="reader">Text source.</param>
    /// <param name="loadUnit">Unit of the load column, for display.</param>
    /// <returns>The weather year.</returns>
    public static WeatherYear ReadCsv(TextReader reader, string loadUnit = "kW")
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? line;
        var lineNo = 0;
        int wi = -1, ii = -1, li = -1;
        var wind = new List<double>(8760);
        var irr = new List<double>(8760);
        var load = new List<double>(8760);
        var header = false;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var cells = trimmed.Split(',');
            if (!header)
            {
                for (var c = 0; c < cells.Length; c++)
                {
                    switch (cells[c].Trim().ToUpperInvariant())
                    {
                        case "WIND_M_S": wi = c; break;
                        case "IRRADIANCE_KW_M2": ii = c; break;
                        case "LOAD": li = c; break;
                    }
                }

                var missing = new[] { (wi, "wind_m_s"), (ii, "irradiance_kw_m2"), (li, "load") }.Where(x => x.Item1 < 0).Select(x => x.Item2).ToList();
                if (missing.Count > 0)
                {
                    throw new FormatException($"Weather CSV line {lineNo}: header lacks column(s) {string.Join(", ", missing)} (expected wind_m_s, irradiance_kw_m2, load).");
                }

                header = true;
                continue;
            }

            wind.Add(Cell(cells, wi, "wind_m_s", lineNo));
            irr.Add(Cell(cells, ii, "irradiance_kw_m2", lineNo));
            load.Add(Cell(cells, li, "load", lineNo));
        }

        if (!header)
        {
            throw new FormatException("Weather CSV is empty: expected a header row wind_m_s,irradiance_kw_m2,load and one row per hour.");
        }

        if (wind.Count == 0 || wind.Count % 24 != 0)
        {
            throw new FormatException($"Weather CSV holds {wind.Count} hourly rows; expected a whole number of days (8760 for a year).");
        }

        try
        {
            return new WeatherYear(wind.ToArray(), irr.ToArray(), load.ToArray(), loadUnit);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"Weather CSV: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a CSV file (see the class remarks).</summary>
    /// <param name="path">File path.</param>
    /// <param name="loadUnit">Unit of the load column.</param>
    /// <returns>The weather year.</returns>
    public static WeatherYear ReadCsvFile(string path, string loadUnit = "kW")
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return ReadCsv(reader, loadUnit);
    }

    /// <summary>Writes the CSV form with an extra leading <c>hour</c> column.</summary>
    /// <param name="writer">Destination.</param>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("hour,wind_m_s,irradiance_kw_m2,load");
        for (var h = 0; h < Hours; h++)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{h},{_wind[h]:R},{_irradiance[h]:R},{_load[h]:R}"));
        }
    }

    private static double Cell(string[] cells, int index, string column, int lineNo)
    {
        if (index >= cells.Length)
        {
            throw new FormatException($"Weather CSV line {lineNo}: missing column {column}.");
        }

        if (!double.TryParse(cells[index].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            throw new FormatException($"Weather CSV line {lineNo}, column {column}: '{cells[index].Trim()}' is not a number.");
        }

        return v;
    }
}
