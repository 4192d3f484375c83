using System.Net;
using System.Text.RegularExpressions;

namespace LoadGen;

/// <summary>One field of a form as a browser sees it; Choices are a radio group's or a select's values.</summary>
sealed record Field(string Name, string Type, string Value, bool Required, string Hint, List<string> Choices);

/// <summary>
/// The first POST form of a page, read the way a browser submits it: its action, its fields by name, its submit
/// buttons (name and value). Nothing here knows the study's pages, so the walk survives new or reordered pages.
/// Regular expressions, not a DOM: cheap per page, which is what a load generator on the measured machine needs.
/// </summary>
sealed partial class Form
{
    public string? Action { get; private set; }
    public Dictionary<string, Field> Fields { get; } = new(StringComparer.Ordinal);
    public List<(string? Name, string? Value)> Buttons { get; } = [];

    [GeneratedRegex("""<(input|select|textarea|button|option|/select)\b([^>]*)>""", RegexOptions.IgnoreCase)]
    private static partial Regex TagPattern();

    [GeneratedRegex("""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")]
    private static partial Regex AttributePattern();

    /// <summary>The page's first form with method="post", or null (an end page, a message).</summary>
    public static Form? Read(string html)
    {
        // The forms are found by IndexOf, not by a lazy pattern over the whole page: most of a page is not its form.
        for (var at = 0; (at = html.IndexOf("<form", at, StringComparison.OrdinalIgnoreCase)) >= 0;)
        {
            var open = at + 5;
            if (open < html.Length && html[open] is not (' ' or '>' or '\t' or '\n' or '\r')) { at = open; continue; }
            var openEnd = html.IndexOf('>', open);
            if (openEnd < 0) return null;
            var close = html.IndexOf("</form>", openEnd, StringComparison.OrdinalIgnoreCase);
            if (close < 0) return null;
            at = close + 7;
            var formAttributes = Attributes(html[open..openEnd]);
            if (!string.Equals(formAttributes.GetValueOrDefault("method"), "post", StringComparison.OrdinalIgnoreCase)) continue;
            var form = new Form { Action = formAttributes.GetValueOrDefault("action") };
            string? select = null;
            foreach (Match tag in TagPattern().Matches(html[(openEnd + 1)..close]))
            {
                var kind = tag.Groups[1].Value.ToLowerInvariant();
                var a = Attributes(tag.Groups[2].Value);
                var name = a.GetValueOrDefault("name");
                var required = a.ContainsKey("required") || a.GetValueOrDefault("aria-required") == "true" || a.GetValueOrDefault("aria-invalid") == "true";
                var hint = (a.GetValueOrDefault("autocomplete") + " " + name + " " + a.GetValueOrDefault("inputmode")).ToLowerInvariant();
                switch (kind)
                {
                    case "/select": select = null; break;
                    case "option":
                        if (select is not null && a.GetValueOrDefault("value") is { Length: > 0 } v)
                        {
                            form.Fields[select].Choices.Add(v);
                            if (a.ContainsKey("selected")) form.Fields[select] = form.Fields[select] with { Value = v };
                        }
                        break;
                    case "select":
                        if (name is null) break;
                        select = name;
                        form.Fields[name] = new Field(name, "select", "", required, hint, []);
                        break;
                    case "textarea":
                        if (name is not null) form.Fields[name] = new Field(name, "textarea", "", required, hint, []);
                        break;
                    case "button":
                        if ((a.GetValueOrDefault("type") ?? "submit").Equals("submit", StringComparison.OrdinalIgnoreCase))
                            form.Buttons.Add((name, a.GetValueOrDefault("value")));
                        break;
                    default:
                        var type = (a.GetValueOrDefault("type") ?? "text").ToLowerInvariant();
                        if (type is "submit" or "image") { form.Buttons.Add((name, a.GetValueOrDefault("value"))); break; }
                        if (name is null || type is "button" or "reset" or "file") break;
                        var value = a.GetValueOrDefault("value") ?? (type == "checkbox" ? "on" : "");
                        if (type == "radio")
                        {
                            if (!form.Fields.TryGetValue(name, out var group)) form.Fields[name] = group = new Field(name, "radio", "", required, hint, []);
                            group.Choices.Add(value);
                        }
                        else form.Fields[name] = new Field(name, type, value, required, hint, []);
                        break;
                }
            }
            return form;
        }
        return null;
    }

    static Dictionary<string, string> Attributes(string text)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in AttributePattern().Matches(text))
        {
            var value = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value;
            d.TryAdd(m.Groups[1].Value, WebUtility.HtmlDecode(value));
        }
        return d;
    }
}
