using System.Text.Json;
using Experiment.Engine.Studies;

namespace TestSupport;

/// <summary>
/// tests/Shared/disclosure-cases.json: the one table of typed values and their disclosure class that both the
/// engine (CheckoutRules.ClassOf) and the browser (wwwroot/js/classify.js, run in Chromium) must reproduce.
/// </summary>
public sealed record DisclosureCase(string Type, string Value, string Class, string Today, int? Count, IReadOnlyList<(string Code, bool Discloses)> Options)
{
    public override string ToString() => $"{Type} {JsonSerializer.Serialize(Value)} -> {Class}";

    /// <summary>The study field the case classifies for (choice fields with the table's options).</summary>
    public CheckoutField Field() => new()
    {
        Key = "f", Type = Type, Label = new() { ["en"] = "x" }, Necessity = "optional", Sensitivity = 3,
        Options = Type == FieldTypes.Choice
            ? Options.Select(o => new ChoiceOption { Code = o.Code, Text = new() { ["en"] = o.Code }, Discloses = o.Discloses ? null : false }).ToList()
            : null,
    };

    public static IReadOnlyList<DisclosureCase> Load(string directory)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "Shared", "disclosure-cases.json")));
        var root = doc.RootElement;
        var today = root.GetProperty("today").GetString()!;
        var options = root.GetProperty("options").EnumerateArray()
            .Select(o => (o.GetProperty("code").GetString()!, o.GetProperty("discloses").GetBoolean())).ToList();
        return root.GetProperty("cases").EnumerateArray().Select(c => new DisclosureCase(
            c.GetProperty("type").GetString()!, c.GetProperty("value").GetString()!, c.GetProperty("class").GetString()!,
            c.TryGetProperty("today", out var t) ? t.GetString()! : today,
            c.TryGetProperty("count", out var n) ? n.GetInt32() : null, options)).ToList();
    }
}
