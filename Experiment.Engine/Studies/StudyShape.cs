using System.Text.Json;

namespace Experiment.Engine.Studies;

/// <summary>
/// The shape of a study file, key by key, and the walk that checks a parsed file against it: unknown keys,
/// missing required keys, wrong JSON types, repeated keys in one object, and texts that lack a declared language.
/// It mirrors StudyDefinition.cs; docs/study-format.md describes the same keys for researchers.
/// </summary>
static class StudyShape
{
    abstract record Shape(string Name);
    sealed record Str() : Shape("a string");
    sealed record Int() : Shape("a whole number");
    sealed record Num() : Shape("a number");
    sealed record Bool() : Shape("true or false");
    sealed record Txt() : Shape("a text per language, like { \"nl\": \"...\", \"en\": \"...\" }");
    sealed record Arr(Shape Of) : Shape("a list [ ... ]");
    sealed record Map(Shape Of) : Shape("an object { ... }");
    sealed record Obj(params (string Key, Shape Shape, bool Required)[] Keys) : Shape("an object { ... }");

    static (string, Shape, bool) Req(string key, Shape s) => (key, s, true);
    static (string, Shape, bool) Opt(string key, Shape s) => (key, s, false);
    static readonly Str S = new();
    static readonly Txt T = new();

    static readonly Obj Option = new(Req("code", S), Req("text", T), Opt("discloses", new Bool()));
    static readonly Obj Item = new(Req("key", S), Req("type", S), Req("text", T), Opt("construct", S), Opt("reverse", new Bool()),
        Opt("required", new Bool()), Opt("points", new Int()), Opt("minLabel", T), Opt("maxLabel", T), Opt("pointLabels", new Arr(T)), Opt("options", new Arr(Option)),
        Opt("min", new Num()), Opt("max", new Num()), Opt("maxLength", new Int()), Opt("expected", S));
    static readonly Obj Field = new(Req("key", S), Req("type", S), Req("label", T), Opt("help", T), Req("necessity", S),
        Req("sensitivity", new Int()), Opt("offers", new Map(new Num())), Opt("pairedItem", S), Opt("options", new Arr(Option)), Opt("specialCategory", S),
        Opt("autocomplete", S), Opt("disclosureMode", S), Opt("shareName", T), Opt("check", S), Opt("requiredIn", new Arr(S)));
    static readonly Obj Shop = new(Req("name", T), Opt("currency", S),
        Req("products", new Arr(new Obj(Req("key", S), Req("name", T), Opt("description", T), Req("price", new Num()), Req("image", S),
            Opt("rating", new Num()), Opt("reviews", new Int()), Opt("stock", new Int())))),
        Opt("notice", new Obj(Req("factor", S), Req("levels", new Map(new Obj(Req("style", S), Req("text", T)))))),
        Opt("maxDiscountPct", new Num()), Opt("requiredFieldCheck", S), Req("fields", new Arr(Field)), Opt("disclosureMode", S),
        Opt("brand", new Obj(Req("name", S), Opt("tagline", T), Opt("logo", S), Opt("favicon", S), Opt("colour", S), Opt("accentColour", S),
            Opt("phone", S), Opt("email", S), Opt("hours", T), Opt("kvk", S))),
        Opt("fixedProduct", S), Opt("shipping", new Obj(Req("cost", new Num()), Opt("freeFrom", new Num()))),
        Opt("deliveryDays", new Int()), Opt("deliveryPromise", T), Opt("autofill", new Bool()),
        Opt("privacyStatement", new Obj(Opt("text", T), Opt("requireScroll", new Arr(S)))));
    static readonly Obj Valuation = new(Req("factor", S), Opt("currency", S), Req("item", T), Opt("intro", T), Req("amounts", new Arr(new Num())));
    static readonly Obj Listings = new(Req("factor", S), Opt("currency", S), Opt("site", T), Req("product", T), Opt("intro", T), Opt("order", S),
        Opt("irrelevantLabel", T), Req("merchants", new Arr(new Obj(Req("key", S), Req("name", S), Req("price", new Num()), Req("rating", new Int()),
            Opt("irrelevantRating", new Int())))));

    static readonly Obj TwoShops = new(Opt("currency", S), Opt("intro", T),
        Req("products", new Arr(new Obj(Req("name", T), Req("price", new Num())))),
        Req("shops", new Arr(new Obj(Req("key", S), Req("name", T)))),
        Req("fields", new Arr(new Obj(Req("key", S), Req("type", S), Req("label", T), Opt("help", T), Opt("shareName", T)))),
        Req("asksMore", new Arr(S)), Req("asksLess", new Arr(S)), Req("gapFactor", S), Opt("invasiveFactor", S), Opt("positionFactor", S),
        Opt("disclosureMode", S), Opt("allowNoPurchase", new Bool()));

    static readonly Obj Root = new(
        Req("id", S), Req("version", new Int()), Opt("slug", S), Req("languages", new Arr(S)), Opt("defaultLanguage", S), Req("title", T),
        Req("texts", new Obj(Req("consent", T), Req("instructions", T), Req("debrief", T), Opt("declined", T), Opt("completion", T), Opt("explicitConsent", T))),
        Opt("ethics", new Obj(Req("institution", T), Req("researcher", new Obj(Req("name", S), Req("email", S))),
            Req("dataController", T), Req("approval", S))),
        Opt("demo", new Bool()),
        Opt("labels", new Map(T)), Opt("retentionDays", new Int()), Opt("license", S), Opt("allowForcedCell", new Bool()),
        Opt("panel", new Obj(Req("name", S), Req("participantParam", S), Opt("studyParam", S), Opt("sessionParam", S),
            Opt("completionUrl", S), Req("completionCode", S),
            Opt("outcomeCodes", new Obj(Opt("failedAttention", S), Opt("withdrew", S), Opt("declinedConsent", S), Opt("screenedOut", S))))),
        Opt("factors", new Arr(new Obj(Req("key", S), Req("levels", new Arr(S))))),
        Opt("cells", new Arr(new Obj(Req("levels", new Map(S)), Opt("weight", new Num())))),
        Opt("targetPerCell", new Int()),
        Opt("design", new Obj(Opt("balance", S), Opt("activeTimeoutMinutes", new Int()))),
        Opt("screening", new Obj(Req("question", T), Req("options", new Arr(new Obj(Req("code", S), Req("text", T)))),
            Req("allowed", new Arr(S)), Req("screenedOut", T))),
        Req("blocks", new Arr(new Obj(Req("key", S), Req("type", S), Opt("pages", new Arr(S))))),
        Opt("blockOrders", new Arr(new Arr(S))),
        Req("pages", new Arr(new Obj(Req("key", S), Req("title", T), Opt("intro", T), Req("items", new Arr(Item))))),
        Opt("shop", Shop),
        Opt("valuation", Valuation),
        Opt("twoShops", TwoShops),
        Opt("listings", Listings),
        Opt("exclusions", new Arr(new Obj(Req("rule", S), Opt("minSeconds", new Num()), Opt("fractionOfMedian", new Num())))),
        Opt("approvals", new Map(S)));

    /// <summary>Checks the whole document; problems go to <paramref name="report"/> as (path, message).</summary>
    public static void Check(JsonElement root, Action<string, string> report)
    {
        var languages = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("languages", out var l) && l.ValueKind == JsonValueKind.Array
            ? l.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Distinct().ToList()
            : [];
        new Walker(languages, report).Walk(root, Root, "$");
    }

    /// <summary>"shop.fields[3].offers['discount=5']" style paths: dots for plain keys, brackets for the rest.</summary>
    public static string Join(string parent, string key)
    {
        var plain = key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(key[0]);
        var child = plain ? key : $"['{key.Replace("'", "\\'")}']";
        return parent == "$" ? (plain ? child : "$" + child) : plain ? parent + "." + child : parent + child;
    }

    sealed class Walker(IReadOnlyList<string> languages, Action<string, string> report)
    {
        public void Walk(JsonElement e, Shape shape, string path)
        {
            switch (shape)
            {
                case Str when e.ValueKind != JsonValueKind.String:
                case Int when e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out _):
                case Num when e.ValueKind != JsonValueKind.Number:
                case Bool when e.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                case Arr when e.ValueKind != JsonValueKind.Array:
                case Map or Obj or Txt when e.ValueKind != JsonValueKind.Object:
                    report(path, $"expected {shape.Name}, got {Describe(e)}");
                    return;
                case Arr arr:
                    var i = 0;
                    foreach (var child in e.EnumerateArray()) Walk(child, arr.Of, $"{path}[{i++}]");
                    return;
                case Map map:
                    foreach (var p in Properties(e, path)) Walk(p.Value, map.Of, Join(path, p.Name));
                    return;
                case Txt:
                    CheckText(e, path);
                    return;
                case Obj obj:
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var p in Properties(e, path))
                    {
                        seen.Add(p.Name);
                        var spec = obj.Keys.FirstOrDefault(k => k.Key == p.Name);
                        if (spec.Key is null)
                            report(Join(path, p.Name), $"unknown key '{p.Name}'; allowed here: {string.Join(", ", obj.Keys.Select(k => k.Key))}");
                        else Walk(p.Value, spec.Shape, Join(path, p.Name));
                    }
                    foreach (var missing in obj.Keys.Where(k => k.Required && !seen.Contains(k.Key)))
                        report(Join(path, missing.Key), "required key is missing");
                    return;
            }
        }

        /// <summary>The properties of an object, reporting a key given twice (System.Text.Json would keep the last silently).</summary>
        IEnumerable<JsonProperty> Properties(JsonElement e, string path)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in e.EnumerateObject())
            {
                if (!names.Add(p.Name)) report(Join(path, p.Name), $"key '{p.Name}' appears twice in one object");
                else yield return p;
            }
        }

        void CheckText(JsonElement e, string path)
        {
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in Properties(e, path))
            {
                given.Add(p.Name);
                if (!languages.Contains(p.Name))
                    report(Join(path, p.Name), $"language '{p.Name}' is not declared in languages ({string.Join(", ", languages)})");
                else if (p.Value.ValueKind != JsonValueKind.String)
                    report(Join(path, p.Name), $"expected a string, got {Describe(p.Value)}");
                else if (string.IsNullOrWhiteSpace(p.Value.GetString()))
                    report(Join(path, p.Name), "text is empty");
            }
            foreach (var lang in languages.Where(l => !given.Contains(l)))
                report(path, $"missing text for language '{lang}'");
        }

        static string Describe(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => $"the string \"{Shorten(e.GetString()!)}\"",
            JsonValueKind.Number => "the number " + e.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
            JsonValueKind.Null => "null",
            JsonValueKind.Array => "a list",
            _ => "an object",
        };

        static string Shorten(string s) => s.Length <= 30 ? s : s[..30] + "...";
    }
}
