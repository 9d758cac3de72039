using System.Text.Json;
using System.Text.Json.Serialization;

namespace EvGrid.Optimization.Network.ThreePhase;

/// <summary>
/// The library's JSON format for a three-phase feeder (the embedded IEEE 13 and IEEE 34 feeders use it). Units:
/// feet, Ω/mile, µS/mile, kV line-to-line, kW/kVAr, % on the transformer rating. Read one with <see cref="Parse"/>
/// and turn it into a feeder with <see cref="ToBuilder"/>.
/// </summary>
public sealed class ThreePhaseFeederDocument
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonDocumentOptions TreeOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The fields each section's elements must carry (the source is an object, every other section a list).</summary>
    /// <summary>Each section's required fields, and the optional fields that may be given as null because null means
    /// what leaving them out means (the default source angles, no automatic control, a load's other bus form).</summary>
    private static readonly (string Section, string[] Fields, string[] MayBeNull)[] RequiredFields =
    [
        ("source", ["bus", "kvLL"], ["angleDeg"]),
        ("configurations", ["name", "phases", "rOhmPerMile", "xOhmPerMile"], []),
        ("lines", ["from", "to", "lengthFt", "config"], []),
        ("switches", ["from", "to"], []),
        ("transformers", ["name", "from", "to", "kva", "kvHighLL", "kvLowLL", "rPercent", "xPercent"], []),
        ("regulators", ["name", "from", "to"], ["control"]),
        ("spotLoads", ["kw", "kvar"], ["bus", "from", "to"]),
        ("distributedLoads", ["kw", "kvar"], ["bus", "from", "to"]),
        ("capacitors", ["bus", "kvar"], []),
    ];

    private static readonly string[] RequiredControlFields = ["ptRatio", "ctPrimaryAmps", "rVolts", "xVolts", "voltageLevel", "bandwidthVolts"];

    /// <summary>Feeder name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Description and source of the data.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>Swing bus.</summary>
    public SourceDto? Source { get; set; }

    /// <summary>Line configurations (matrices).</summary>
    public IList<ConfigurationDto> Configurations { get; init; } = [];

    /// <summary>Line segments.</summary>
    public IList<LineDto> Lines { get; init; } = [];

    /// <summary>Closed switches.</summary>
    public IList<SwitchDto> Switches { get; init; } = [];

    /// <summary>Transformers.</summary>
    public IList<TransformerDto> Transformers { get; init; } = [];

    /// <summary>Step-voltage regulators.</summary>
    public IList<RegulatorDto> Regulators { get; init; } = [];

    /// <summary>Spot loads.</summary>
    public IList<LoadDto> SpotLoads { get; init; } = [];

    /// <summary>Distributed loads.</summary>
    public IList<LoadDto> DistributedLoads { get; init; } = [];

    /// <summary>Shunt capacitors.</summary>
    public IList<CapacitorDto> Capacitors { get; init; } = [];

    /// <summary>Parses a document.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The document.</returns>
    /// <exception cref="FormatException">Malformed or truncated JSON, a value of the wrong type, or a required field
    /// missing or null; the message names the field and its JSON path (for example
    /// <c>$.lines[3] has no 'lengthFt'</c>). Required: the source's <c>bus</c> and <c>kvLL</c>; every configuration's
    /// <c>name</c>, <c>phases</c>, <c>rOhmPerMile</c> and <c>xOhmPerMile</c>; every line's <c>from</c>, <c>to</c>,
    /// <c>lengthFt</c> and <c>config</c>; every switch's <c>from</c> and <c>to</c>; every transformer's <c>name</c>,
    /// ends, ratings and impedances; every regulator's <c>name</c>, <c>from</c> and <c>to</c> and, when it has a
    /// <c>control</c>, all six control settings; every load's <c>kw</c> and <c>kvar</c>; every capacitor's
    /// <c>bus</c> and <c>kvar</c>. A section, an element or an optional field given as <c>null</c> is refused the
    /// same way, except where null means the field's absence: the source's <c>angleDeg</c>, a regulator's
    /// <c>control</c>, a load's <c>bus</c>, <c>from</c> and <c>to</c>.</exception>
    public static ThreePhaseFeederDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using (var tree = JsonDocument.Parse(json, TreeOptions))
            {
                RequireFields(tree.RootElement);
            }

            return JsonSerializer.Deserialize<ThreePhaseFeederDocument>(json, JsonOptions)
                ?? throw new FormatException("feeder document is empty");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"feeder document: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Throws a <see cref="FormatException"/> with its path for the first section, element or required field that is
    /// missing or null, or optional field given as null where null does not mean "left out". Sections or elements of
    /// the wrong JSON kind are left to the deserializer, which names them.
    /// </summary>
    private static void RequireFields(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var (section, fields, mayBeNull) in RequiredFields)
        {
            if (!TryGet(root, section, out var value))
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.Null)
            {
                throw new FormatException(
                    $"feeder document: $.{section} is null (leave it out{(section == "source" ? string.Empty : " or give []")})");
            }

            if (section == "source")
            {
                Require(value, "$.source", fields, mayBeNull);
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var element in value.EnumerateArray())
                {
                    if (element.ValueKind == JsonValueKind.Null)
                    {
                        throw new FormatException($"feeder document: $.{section}[{i}] is null");
                    }

                    Require(element, $"$.{section}[{i}]", fields, mayBeNull);
                    if (section == "regulators" && element.ValueKind == JsonValueKind.Object
                        && TryGet(element, "control", out var control) && control.ValueKind != JsonValueKind.Null)
                    {
                        Require(control, $"$.{section}[{i}].control", RequiredControlFields, []);
                    }

                    i++;
                }
            }
        }
    }

    private static void Require(JsonElement element, string path, string[] fields, string[] mayBeNull)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var field in fields)
        {
            if (!TryGet(element, field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                throw new FormatException($"feeder document: {path} has no '{field}' (required)");
            }
        }

        // Any other optional field given as null would replace its default with nothing.
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null
                && !mayBeNull.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                throw new FormatException(
                    $"feeder document: {path}.{property.Name} is null (leave it out for its default)");
            }
        }
    }

    /// <summary>Finds a property by name, ignoring case as the deserializer does.</summary>
    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Creates a builder holding every element of the document.</summary>
    /// <param name="placement">Distributed-load placement.</param>
    /// <returns>The builder (call <see cref="ThreePhaseFeederBuilder.Build"/>).</returns>
    /// <exception cref="NetworkValidationException">A missing source, bus or phase letter, an unknown load model or
    /// transformer connection, or a bad configuration matrix (the message names the element and value).</exception>
    public ThreePhaseFeederBuilder ToBuilder(DistributedLoadPlacement placement = DistributedLoadPlacement.KerstingExactLumped)
    {
        var builder = new ThreePhaseFeederBuilder(string.IsNullOrWhiteSpace(Name) ? "feeder" : Name) { DistributedLoadPlacement = placement };
        var s = Source ?? throw new NetworkValidationException($"feeder '{builder.Name}'", "'source' is missing");
        builder.WithSource(new ThreePhaseSource(s.Bus, s.KvLL, s.VmPu, s.AngleDeg?.ToArray() ?? [0.0, -120.0, 120.0]));
        foreach (var c in Configurations)
        {
            builder.AddConfiguration(For($"configuration {c.Name}", () =>
                LineConfiguration.FromRxb(c.Name, PhaseSets.Parse(c.Phases), c.ROhmPerMile.ToArray(), c.XOhmPerMile.ToArray(), c.BMicroSiemensPerMile.ToArray())));
        }

        foreach (var l in Lines)
        {
            builder.AddLine(new LineSegment(l.From, l.To, l.LengthFt, l.Config));
        }

        foreach (var sw in Switches)
        {
            builder.AddSwitch(For($"switch {sw.From}-{sw.To}", () => new SwitchSegment(sw.From, sw.To, PhaseSets.Parse(sw.Phases))));
        }

        foreach (var t in Transformers)
        {
            var element = $"transformer {t.Name}";
            var conn = t.Connection.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
            {
                "GRY-GRY" or "GRDWYE-GRDWYE" => TransformerConnection.GroundedWyeGroundedWye,
                "D-GRY" or "DELTA-GRDWYE" or "DELTA-GRY" => TransformerConnection.DeltaGroundedWye,
                _ => throw new NetworkValidationException(element, $"connection '{t.Connection}' is not GrY-GrY or D-GrY"),
            };
            builder.AddTransformer(For(element, () =>
                new ThreePhaseTransformer(t.Name, t.From, t.To, conn, t.Kva, t.KvHighLL, t.KvLowLL, t.RPercent, t.XPercent, PhaseSets.Parse(t.Phases))));
        }

        foreach (var r in Regulators)
        {
            var c = r.Control;
            builder.AddRegulator(For($"regulator {r.Name}", () => new StepVoltageRegulator(
                r.Name, r.From, r.To, PhaseSets.Parse(r.Phases), r.Taps.ToArray(),
                c is null ? null : new RegulatorControl(c.PtRatio, c.CtPrimaryAmps, c.RVolts.ToArray(), c.XVolts.ToArray(), c.VoltageLevel.ToArray(), c.BandwidthVolts))));
        }

        for (var i = 0; i < SpotLoads.Count; i++)
        {
            var l = SpotLoads[i];
            var bus = l.Bus ?? throw new NetworkValidationException($"spot load {i + 1} (model {l.Model})", "'bus' is missing");
            builder.AddSpotLoad(For($"load {l.Model} at bus {bus}", () => new SpotLoad(bus, LoadModel.Parse(l.Model), l.Kw.ToArray(), l.Kvar.ToArray())));
        }

        for (var i = 0; i < DistributedLoads.Count; i++)
        {
            var l = DistributedLoads[i];
            var element = $"distributed load {i + 1} ({l.Model} on {l.From ?? "?"}-{l.To ?? "?"})";
            var from = l.From ?? throw new NetworkValidationException(element, "'from' is missing");
            var to = l.To ?? throw new NetworkValidationException(element, "'to' is missing");
            builder.AddDistributedLoad(For(element, () => new DistributedLoad(from, to, LoadModel.Parse(l.Model), l.Kw.ToArray(), l.Kvar.ToArray())));
        }

        foreach (var c in Capacitors)
        {
            builder.AddCapacitor(new ShuntCapacitor(c.Bus, c.Kvar.ToArray()));
        }

        return builder;
    }

    /// <summary>Creates an element, turning a parse or argument failure into a <see cref="NetworkValidationException"/> naming it.</summary>
    private static T For<T>(string element, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (Exception ex) when (ex is FormatException || (ex is ArgumentException && ex is not NetworkValidationException))
        {
            throw new NetworkValidationException(element, ex.Message, ex);
        }
    }

    /// <summary>Swing bus.</summary>
    public sealed class SourceDto
    {
        /// <summary>Bus id.</summary>
        public string Bus { get; set; } = string.Empty;

        /// <summary>kV line-to-line.</summary>
        [JsonPropertyName("kvLL")]
        public double KvLL { get; set; }

        /// <summary>Held voltage, pu.</summary>
        public double VmPu { get; set; } = 1.0;

        /// <summary>Angles of a, b, c, degrees.</summary>
        public IList<double>? AngleDeg { get; init; }
    }

    /// <summary>Line configuration.</summary>
    public sealed class ConfigurationDto
    {
        /// <summary>Name.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>Phases, e.g. "ABC".</summary>
        public string Phases { get; set; } = string.Empty;

        /// <summary>R matrix, Ω/mile, 9 entries.</summary>
        public IList<double> ROhmPerMile { get; init; } = [];

        /// <summary>X matrix, Ω/mile, 9 entries.</summary>
        public IList<double> XOhmPerMile { get; init; } = [];

        /// <summary>B matrix, µS/mile, 9 entries.</summary>
        public IList<double> BMicroSiemensPerMile { get; init; } = [];
    }

    /// <summary>Line segment.</summary>
    public sealed class LineDto
    {
        /// <summary>From bus.</summary>
        public string From { get; set; } = string.Empty;

        /// <summary>To bus.</summary>
        public string To { get; set; } = string.Empty;

        /// <summary>Length, ft.</summary>
        public double LengthFt { get; set; }

        /// <summary>Configuration name.</summary>
        public string Config { get; set; } = string.Empty;
    }

    /// <summary>Closed switch.</summary>
    public sealed class SwitchDto
    {
        /// <summary>From bus.</summary>
        public string From { get; set; } = string.Empty;

        /// <summary>To bus.</summary>
        public string To { get; set; } = string.Empty;

        /// <summary>Phases.</summary>
        public string Phases { get; set; } = "ABC";
    }

    /// <summary>Transformer.</summary>
    public sealed class TransformerDto
    {
        /// <summary>Name.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>High-side bus.</summary>
        public string From { get; set; } = string.Empty;

        /// <summary>Low-side bus.</summary>
        public string To { get; set; } = string.Empty;

        /// <summary>"GrY-GrY" or "D-GrY".</summary>
        public string Connection { get; set; } = "GrY-GrY";

        /// <summary>Rating, kVA.</summary>
        public double Kva { get; set; }

        /// <summary>High side, kV line-to-line.</summary>
        [JsonPropertyName("kvHighLL")]
        public double KvHighLL { get; set; }

        /// <summary>Low side, kV line-to-line.</summary>
        [JsonPropertyName("kvLowLL")]
        public double KvLowLL { get; set; }

        /// <summary>R, %.</summary>
        public double RPercent { get; set; }

        /// <summary>X, %.</summary>
        public double XPercent { get; set; }

        /// <summary>Phases (default "ABC").</summary>
        public string Phases { get; set; } = "ABC";
    }

    /// <summary>Regulator.</summary>
    public sealed class RegulatorDto
    {
        /// <summary>Name (and output bus).</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>Input bus.</summary>
        public string From { get; set; } = string.Empty;

        /// <summary>Output bus.</summary>
        public string To { get; set; } = string.Empty;

        /// <summary>Phases.</summary>
        public string Phases { get; set; } = "ABC";

        /// <summary>Taps of a, b, c.</summary>
        public IList<int> Taps { get; init; } = [0, 0, 0];

        /// <summary>LDC settings.</summary>
        public ControlDto? Control { get; set; }
    }

    /// <summary>LDC settings.</summary>
    public sealed class ControlDto
    {
        /// <summary>PT ratio.</summary>
        public double PtRatio { get; set; }

        /// <summary>CT primary, A.</summary>
        public double CtPrimaryAmps { get; set; }

        /// <summary>R setting per phase, V.</summary>
        public IList<double> RVolts { get; init; } = [];

        /// <summary>X setting per phase, V.</summary>
        public IList<double> XVolts { get; init; } = [];

        /// <summary>Voltage level per phase, V on 120 V base.</summary>
        public IList<double> VoltageLevel { get; init; } = [];

        /// <summary>Bandwidth, V.</summary>
        public double BandwidthVolts { get; set; }
    }

    /// <summary>Spot or distributed load.</summary>
    public sealed class LoadDto
    {
        /// <summary>Bus (spot loads).</summary>
        public string? Bus { get; set; }

        /// <summary>From bus (distributed loads).</summary>
        public string? From { get; set; }

        /// <summary>To bus (distributed loads).</summary>
        public string? To { get; set; }

        /// <summary>IEEE model code, e.g. "Y-PQ".</summary>
        public string Model { get; set; } = "Y-PQ";

        /// <summary>kW per phase/branch.</summary>
        public IList<double> Kw { get; init; } = [];

        /// <summary>kVAr per phase/branch.</summary>
        public IList<double> Kvar { get; init; } = [];
    }

    /// <summary>Capacitor.</summary>
    public sealed class CapacitorDto
    {
        /// <summary>Bus.</summary>
        public string Bus { get; set; } = string.Empty;

        /// <summary>kVAr per phase a, b, c.</summary>
        public IList<double> Kvar { get; init; } = [];
    }
}
