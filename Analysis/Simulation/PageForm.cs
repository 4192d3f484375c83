using System.Net;
using System.Text.RegularExpressions;
using Experiment.Engine.Studies;

namespace Analysis.Simulation;

/// <summary>One input, select or textarea of a page form; Values are the choices a radio group or select offers.</summary>
public sealed record FormInput(string Name, string Type, string? Value, List<string> Values);

/// <summary>
/// The participant page as a bot sees it, read from the HTML contract of Survey.Web: the form
/// <c>id="page-form"</c> with its hidden <c>step</c> and antiforgery token, its inputs by name, and the values
/// of its <c>name="action"</c> buttons. Which page it is follows from what the form holds, never from the order.
/// Regular expressions instead of a DOM parser: the pages are ours and small, and at 500 bots on two cores
/// parsing cost shows up in the measurement.
/// </summary>
public sealed partial class PageForm
{
    public string? Action { get; private init; }
    public Dictionary<string, FormInput> Inputs { get; } = new(StringComparer.Ordinal);
    public List<string> Buttons { get; } = [];
    public string? CompletionCode { get; private init; }
    public bool HasForm { get; private init; }
    /// <summary>Checkout fields in browser mode: inputs without a name that checkout.js classifies (data-classify), by field key.</summary>
    public List<string> Classified { get; } = [];
    /// <summary>The names of inputs marked <c>required</c>: the checkout's required fields as this participant's cell frames them.</summary>
    public HashSet<string> Required { get; } = new(StringComparer.Ordinal);
    /// <summary>The offers the checkout shows, by field key (data-offer-pct with data-field): what this participant's cell offers.</summary>
    public Dictionary<string, double> Offers { get; } = new(StringComparer.Ordinal);

    public string? Hidden(string name) => Inputs.TryGetValue(name, out var i) ? i.Value : null;

    [GeneratedRegex("""<form\b[^>]*\bid\s*=\s*["']page-form["'][^>]*>(.*?)</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<(input|select|textarea|button|option)\b([^>]*)>""", RegexOptions.IgnoreCase)]
    private static partial Regex TagPattern();

    [GeneratedRegex("""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")]
    private static partial Regex AttributePattern();

    [GeneratedRegex(@"\bdata-offer-pct\s*=\s*""([0-9.]+)""[^>]*\bdata-field\s*=\s*""([^""]+)""")]
    private static partial Regex OfferPattern();

    [GeneratedRegex("""<strong\b[^>]*\bid\s*=\s*["']completion-code["'][^>]*>\s*([^<]*?)\s*</strong>""", RegexOptions.IgnoreCase)]
    private static partial Regex CompletionPattern();

    public static PageForm Parse(string html)
    {
        var completion = CompletionPattern().Match(html);
        var formMatch = FormPattern().Match(html);
        var form = new PageForm
        {
            HasForm = formMatch.Success,
            CompletionCode = completion.Success ? WebUtility.HtmlDecode(completion.Groups[1].Value) : null,
            Action = formMatch.Success ? Attributes(OpeningTag(formMatch.Value)).GetValueOrDefault("action") : null,
        };
        if (!formMatch.Success) return form;
        foreach (Match m in OfferPattern().Matches(formMatch.Groups[1].Value))
            if (double.TryParse(m.Groups[1].Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var pct))
                form.Offers.TryAdd(WebUtility.HtmlDecode(m.Groups[2].Value), pct);
        string? openSelect = null;
        foreach (Match tag in TagPattern().Matches(formMatch.Groups[1].Value))
        {
            var kind = tag.Groups[1].Value.ToLowerInvariant();
            var a = Attributes(tag.Groups[2].Value);
            var name = a.GetValueOrDefault("name");
            switch (kind)
            {
                case "button":
                    if (name == "action" && a.GetValueOrDefault("value") is { } v) form.Buttons.Add(v);
                    break;
                case "option":
                    if (openSelect is not null && a.GetValueOrDefault("value") is { Length: > 0 } ov) form.Inputs[openSelect].Values.Add(ov);
                    break;
                case "select":
                    if (name is null) break;
                    openSelect = name;
                    form.Inputs[name] = new FormInput(name, "select", null, []);
                    break;
                case "textarea":
                    if (name is not null) form.Inputs[name] = new FormInput(name, "textarea", null, []);
                    break;
                default:
                    if (a.ContainsKey("data-classify") && a.GetValueOrDefault("data-field") is { } classified && !form.Classified.Contains(classified))
                        form.Classified.Add(classified);
                    if (name is null) break;
                    if (a.ContainsKey("required")) form.Required.Add(name);
                    var type = (a.GetValueOrDefault("type") ?? "text").ToLowerInvariant();
                    var value = a.GetValueOrDefault("value");
                    if (type is "radio")
                    {
                        if (!form.Inputs.TryGetValue(name, out var group)) form.Inputs[name] = group = new FormInput(name, "radio", null, []);
                        if (value is not null) group.Values.Add(value);
                    }
                    else if (type is "submit" or "button" or "image" or "reset") { if (name == "action" && value is not null) form.Buttons.Add(value); }
                    else form.Inputs[name] = new FormInput(name, type, value, []);
                    break;
            }
        }
        return form;
    }

    /// <summary>
    /// The checkout fields of the page with the mode they are answered in by a browser that runs JavaScript: typed
    /// (f_, server), classified by checkout.js (browser; its no-script choice is not sent) or ticked (s_, choice).
    /// </summary>
    public IEnumerable<(string Key, string Mode)> CheckoutFields()
    {
        foreach (var name in Inputs.Keys)
            if (name.StartsWith("f_", StringComparison.Ordinal)) yield return (name[2..], DisclosureModes.Server);
            else if (name.StartsWith("s_", StringComparison.Ordinal) && !Classified.Contains(name[2..])) yield return (name[2..], DisclosureModes.Choice);
        foreach (var key in Classified) yield return (key, DisclosureModes.Browser);
    }

    static string OpeningTag(string element) => element[..(element.IndexOf('>') + 1)];

    static Dictionary<string, string> Attributes(string tagText)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var start = tagText.StartsWith('<') ? tagText.IndexOfAny([' ', '\t', '\n', '\r', '>']) : 0;
        foreach (Match m in AttributePattern().Matches(tagText[Math.Max(0, start)..]))
        {
            var value = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value;
            d.TryAdd(m.Groups[1].Value, WebUtility.HtmlDecode(value));
        }
        return d;
    }
}
