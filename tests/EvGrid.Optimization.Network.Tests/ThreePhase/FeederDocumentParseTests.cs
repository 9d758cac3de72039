using System.Text.Json.Nodes;
using EvGrid.Optimization.Network.ThreePhase;
using EvGrid.Optimization.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace EvGrid.Optimization.Network.Tests.ThreePhase;

/// <summary>
/// <see cref="ThreePhaseFeederDocument.Parse"/> on malformed documents, each made from the embedded IEEE 13 document
/// by one edit: a required field removed, a value of the wrong type, or the text cut short. Each ends in the reader's
/// own <see cref="FormatException"/>, whose message names the field and its JSON path.
/// </summary>
public sealed class FeederDocumentParseTests(ITestOutputHelper output)
{
    private static readonly string Ieee13 = File.ReadAllText(
        Path.Combine(SharedData.RepositoryRoot, "src", "EvGrid.Optimization.Network", "Resources", "ThreePhase", "ieee13.json"));

    /// <summary>The IEEE 13 document with one edit applied to its JSON tree.</summary>
    private static string Edited(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(Ieee13)!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    private FormatException Fails(string json)
    {
        var ex = Assert.Throws<FormatException>(() => ThreePhaseFeederDocument.Parse(json));
        output.WriteLine(ex.Message);
        Assert.StartsWith("feeder document", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    [Fact]
    public void The_unedited_document_parses_and_builds()
    {
        var feeder = ThreePhaseFeederDocument.Parse(Ieee13).ToBuilder().Build();
        Assert.Equal(ThreePhaseFeeders.Ieee13().NodeCount, feeder.NodeCount);
    }

    [Theory]
    [InlineData("source", -1, "kvLL", "$.source")]
    [InlineData("source", -1, "bus", "$.source")]
    [InlineData("configurations", 0, "rOhmPerMile", "$.configurations[0]")]
    [InlineData("lines", 2, "lengthFt", "$.lines[2]")]
    [InlineData("lines", 0, "config", "$.lines[0]")]
    [InlineData("lines", 5, "to", "$.lines[5]")]
    [InlineData("switches", 0, "from", "$.switches[0]")]
    [InlineData("transformers", 0, "kva", "$.transformers[0]")]
    [InlineData("regulators", 0, "from", "$.regulators[0]")]
    [InlineData("spotLoads", 1, "kvar", "$.spotLoads[1]")]
    [InlineData("distributedLoads", 0, "kw", "$.distributedLoads[0]")]
    [InlineData("capacitors", 0, "bus", "$.capacitors[0]")]
    public void A_missing_required_field_is_named_with_its_path(string section, int index, string field, string path)
    {
        var ex = Fails(Edited(root =>
        {
            var element = index < 0 ? root[section]!.AsObject() : root[section]![index]!.AsObject();
            Assert.True(element.Remove(field), $"{section} has no '{field}' to remove");
        }));
        Assert.Contains($"'{field}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_section_element_or_optional_field_is_named_with_its_path()
    {
        Assert.Contains("$.lines is null", Fails(Edited(root => root["lines"] = null)).Message, StringComparison.Ordinal);
        Assert.Contains("$.lines[1] is null", Fails(Edited(root => root["lines"]![1] = null)).Message,
            StringComparison.Ordinal);
        Assert.Contains("$.transformers[0].connection is null",
            Fails(Edited(root => root["transformers"]![0]!["connection"] = null)).Message, StringComparison.Ordinal);
        Assert.Contains("$.regulators[0].taps is null", Fails(Edited(root => root["regulators"]![0]!["taps"] = null)).Message,
            StringComparison.Ordinal);

        // A regulator without automatic control may say so with null, and the source's angles may be null for their
        // default; elsewhere "control" is not one of those fields.
        var manual = ThreePhaseFeederDocument.Parse(Edited(root => root["regulators"]![0]!["control"] = null));
        Assert.Null(manual.Regulators[0].Control);
        var defaultAngles = ThreePhaseFeederDocument.Parse(Edited(root => root["source"]!["angleDeg"] = null));
        Assert.Null(defaultAngles.Source!.AngleDeg);
        Assert.Contains("$.lines[0].control is null", Fails(Edited(root => root["lines"]![0]!["control"] = null)).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_regulator_control_setting_is_named_with_its_path()
    {
        var ex = Fails(Edited(root => root["regulators"]![0]!["control"]!.AsObject().Remove("bandwidthVolts")));
        Assert.Contains("'bandwidthVolts'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("$.regulators[0].control", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lines", 0, "lengthFt", "\"500\"", "$.lines[0].lengthFt")]
    [InlineData("spotLoads", 0, "kw", "5", "$.spotLoads[0].kw")]
    [InlineData("regulators", 0, "taps", "[\"ten\", 8, 11]", "$.regulators[0].taps[0]")]
    [InlineData("configurations", 1, "phases", "3", "$.configurations[1].phases")]
    [InlineData("capacitors", 0, "kvar", "{\"a\": 200}", "$.capacitors[0].kvar")]
    [InlineData("source", -1, "kvLL", "true", "$.source.kvLL")]
    public void A_value_of_the_wrong_type_is_named_with_its_path(string section, int index, string field, string value, string path)
    {
        var ex = Fails(Edited(root =>
        {
            var element = index < 0 ? root[section]!.AsObject() : root[section]![index]!.AsObject();
            element[field] = JsonNode.Parse(value);
        }));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_section_of_the_wrong_kind_is_named()
    {
        var ex = Fails(Edited(root => root["lines"] = new JsonObject { ["from"] = "650" }));
        Assert.Contains("$.lines", ex.Message, StringComparison.Ordinal);
        ex = Fails(Edited(root => root["source"] = new JsonArray()));
        Assert.Contains("$.source", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.02)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void A_truncated_document_is_a_format_error_with_its_position(double keep)
    {
        var cut = Ieee13[..(int)(Ieee13.Length * keep)];
        var ex = Fails(cut);
        Assert.Contains("LineNumber", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"source\": {\"bus\": \"650\", \"kvLL\": 4.16}")]
    public void Empty_null_and_unclosed_documents_are_format_errors(string json) => Fails(json);
}
