using System.Globalization;
using System.Text.RegularExpressions;

namespace Experiment.Engine.Studies;

/// <summary>
/// The rules a well-shaped study must also follow: unique keys, sane ranges, references that resolve (pages in
/// blocks, paired items, offer keys, notice levels), block orders that are permutations, attention checks with
/// an answer that can be given. Paths use the indexes of the file, which the parsed lists keep.
/// </summary>
static partial class StudyRules
{
    // \z, not $: "$" also matches before a final newline, and these names end up in links, files and cookies.
    [GeneratedRegex(@"^[a-z][a-z0-9_]*\z")] private static partial Regex KeyPattern();
    [GeneratedRegex(@"^[a-z]{2,3}(-[A-Z]{2})?\z")] private static partial Regex LanguagePattern();
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*\.(svg|png|jpg|webp)\z")] private static partial Regex ImagePattern();
    [GeneratedRegex(@"^[A-Za-z0-9]{1,40}\z")] private static partial Regex CodePattern();
    // An SPDX license id or expression (CC-BY-4.0, CC0-1.0, MIT OR Apache-2.0), or an http(s) link to a license.
    [GeneratedRegex(@"^([A-Za-z0-9][A-Za-z0-9.+-]*( (AND|OR|WITH) [A-Za-z0-9][A-Za-z0-9.+-]*)*|https?://[^\s]+)\z")] private static partial Regex LicensePattern();

    static string N(double d) => d.ToString(CultureInfo.InvariantCulture);
    static string Q(string s) => $"'{s}'";

    public static void Check(StudyDefinition s, Action<string, string> report)
    {
        if (!StudyId.IsValid(s.Id)) report("id", $"{Q(s.Id)} must be 1 to {StudyId.MaxLength} lower-case letters, digits and dashes (it appears in links)");
        if (s.Version < 1) report("version", $"must be 1 or more, got {s.Version}");
        if (s.Slug is { } slug && (!StudyId.IsValid(slug) || slug == s.Id))
            report("slug", $"{Q(slug)} must be 1 to {StudyId.MaxLength} lower-case letters, digits and dashes, and not the study's id (the link must not name the study)");
        if (s.RetentionDays < 1) report("retentionDays", $"must be 1 or more, got {s.RetentionDays}");
        if (s.License is { } license && (license.Length > 200 || !LicensePattern().IsMatch(license)))
            report("license", $"{Q(license)} is not an SPDX license id like \"CC-BY-4.0\" or \"CC0-1.0\", nor an http(s) link (at most 200 characters)");
        if (s.TargetPerCell is < 1) report("targetPerCell", $"must be 1 or more, got {s.TargetPerCell}");
        if (s.Design is not null) CheckBalance(s.Design, report);
        if (s.Screening is not null) CheckScreening(s.Screening, report);
        CheckLanguages(s, report);
        CheckDesign(s, report);
        var items = CheckPages(s, report);
        CheckBlocks(s, report);
        if (s.Shop is not null) CheckShop(s, s.Shop, items, report);
        CheckValuation(s, report);
        CheckTwoShops(s, report);
        CheckListings(s, report);
        if (s.Shop is not null) CheckFraming(s, s.Shop, report);
        if (s.Panel is not null) CheckPanel(s.Panel, report);
        CheckEthics(s, report);
        if (s.Exclusions is not null) CheckExclusions(s.Exclusions, report);
    }

    /// <summary>
    /// A participant may only consent knowing who runs the study, whom to ask, who controls the data and which
    /// committee approved it; only a study marked as a demo may leave that out.
    /// </summary>
    static void CheckEthics(StudyDefinition s, Action<string, string> report)
    {
        if (s.Ethics is not { } e)
        {
            if (!s.Demo)
                report("ethics", "a study meant for launch needs \"ethics\": institution, researcher (name, email), dataController " +
                    "and approval, shown on the consent page; a demonstration says \"demo\": true instead");
            return;
        }
        if (string.IsNullOrWhiteSpace(e.Researcher.Name)) report("ethics.researcher.name", "must not be empty");
        if (!Checkout.DisclosureClassifier.IsEmail(e.Researcher.Email.Trim()))
            report("ethics.researcher.email", $"{Q(e.Researcher.Email)} is not an e-mail address like name@university.nl");
        if (string.IsNullOrWhiteSpace(e.Approval)) report("ethics.approval", "must not be empty: the ethics committee's reference, e.g. \"ERB-2026-017\"");
    }

    static void CheckScreening(Screening sc, Action<string, string> report)
    {
        if (sc.Options.Count < 2) report("screening.options", $"a screening question needs at least two options, got {sc.Options.Count}");
        Unique(sc.Options, (o, i) => (o.Code, $"screening.options[{i}].code"), "option code", report);
        for (var i = 0; i < sc.Options.Count; i++)
            if (!KeyPattern().IsMatch(sc.Options[i].Code)) report($"screening.options[{i}].code", KeyRule(sc.Options[i].Code));
        var codes = sc.Options.Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < sc.Allowed.Count; i++)
            if (!codes.Contains(sc.Allowed[i]))
                report($"screening.allowed[{i}]", $"{Q(sc.Allowed[i])} is not an option code (options: {Keys(sc.Options.Select(o => o.Code))})");
        if (sc.Allowed.Count == 0) report("screening.allowed", "list the option codes that may take part; with none, nobody could");
        else if (codes.Count > 0 && codes.All(sc.Allowed.Contains)) report("screening.allowed", "every option is allowed, so the question screens nobody out");
    }

    static void CheckBalance(DesignSettings d, Action<string, string> report)
    {
        if (!Assignment.BalancePolicy.Names.Contains(d.Balance))
            report("design.balance", $"unknown balance policy {Q(d.Balance)}; policies are: {string.Join(", ", Assignment.BalancePolicy.Names)}");
        else if (d.Balance == Assignment.BalancePolicy.CompletedPlusActive)
        {
            if (d.ActiveTimeoutMinutes is not { } minutes)
                report("design.activeTimeoutMinutes", "completed-plus-active needs the minutes after which a silent session stops holding its place, e.g. 60");
            else if (minutes < 1 || minutes > Assignment.BalancePolicy.MaxActiveTimeoutMinutes)
                report("design.activeTimeoutMinutes", $"must be 1 to {Assignment.BalancePolicy.MaxActiveTimeoutMinutes} minutes (at most the abandonment time), got {minutes}");
        }
        else if (d.ActiveTimeoutMinutes is not null)
            report("design.activeTimeoutMinutes", $"only the policy 'completed-plus-active' takes activeTimeoutMinutes, not {Q(d.Balance)}");
    }

    static void CheckExclusions(IReadOnlyList<ExclusionRule> rules, Action<string, string> report)
    {
        Unique(rules, (r, i) => (r.Rule, $"exclusions[{i}].rule"), "exclusion rule", report);
        for (var i = 0; i < rules.Count; i++)
        {
            var r = rules[i];
            var path = $"exclusions[{i}]";
            if (!ExclusionRule.Names.Contains(r.Rule))
            {
                report(path + ".rule", $"unknown rule {Q(r.Rule)}; rules are: {string.Join(", ", ExclusionRule.Names)}");
                continue;
            }
            if (r.Rule != ExclusionRule.Speeder)
            {
                if (r.MinSeconds is not null) report(path + ".minSeconds", $"only the rule 'speeder' takes minSeconds, not {Q(r.Rule)}");
                if (r.FractionOfMedian is not null) report(path + ".fractionOfMedian", $"only the rule 'speeder' takes fractionOfMedian, not {Q(r.Rule)}");
                continue;
            }
            if ((r.MinSeconds is null) == (r.FractionOfMedian is null))
                report(path, "a speeder rule needs exactly one of minSeconds (e.g. 120) or fractionOfMedian (e.g. 0.3)");
            if (r.MinSeconds is { } s && !(s > 0)) report(path + ".minSeconds", $"must be above 0 seconds, got {N(s)}");
            if (r.FractionOfMedian is { } f && !(f > 0 && f < 1)) report(path + ".fractionOfMedian", $"must be between 0 and 1 (exclusive), got {N(f)}");
        }
    }

    static void CheckLanguages(StudyDefinition s, Action<string, string> report)
    {
        if (s.Languages.Count == 0) report("languages", "declare at least one language, e.g. [\"nl\", \"en\"]");
        Unique(s.Languages, (l, i) => (l, $"languages[{i}]"), "language", report);
        for (var i = 0; i < s.Languages.Count; i++)
            if (!LanguagePattern().IsMatch(s.Languages[i]))
                report($"languages[{i}]", $"{Q(s.Languages[i])} is not a language code like \"nl\" or \"en\"");
        if (s.DefaultLanguage is { } d && !s.Languages.Contains(d))
            report("defaultLanguage", $"{Q(d)} is not declared in languages ({string.Join(", ", s.Languages)})");
        foreach (var key in s.Labels.Keys.Where(k => !Labels.Defaults.ContainsKey(k)))
            report(StudyShape.Join("labels", key), $"unknown label {Q(key)}; labels are: {string.Join(", ", Labels.Defaults.Keys)}");
        foreach (var lang in s.Languages.Where(l => l is not ("nl" or "en") && LanguagePattern().IsMatch(l)))
        {
            var missing = Labels.Defaults.Keys.Where(k => !(s.Labels.TryGetValue(k, out var t) && t.ContainsKey(lang))).ToList();
            if (missing.Count > 0)
                report("labels", $"language {Q(lang)} has no built-in labels, so every label needs a text in it; missing: {string.Join(", ", missing)}");
        }
    }

    static void CheckDesign(StudyDefinition s, Action<string, string> report)
    {
        Unique(s.Factors, (f, i) => (f.Key, $"factors[{i}].key"), "factor", report);
        for (var i = 0; i < s.Factors.Count; i++)
        {
            var f = s.Factors[i];
            if (!KeyPattern().IsMatch(f.Key)) report($"factors[{i}].key", KeyRule(f.Key));
            if (f.Levels.Count == 0) report($"factors[{i}].levels", "a factor needs at least one level");
            Unique(f.Levels, (l, j) => (l, $"factors[{i}].levels[{j}]"), "level", report);
            for (var j = 0; j < f.Levels.Count; j++)
                if (f.Levels[j].Length == 0 || f.Levels[j].Any(c => c is ';' or '=' or '*' || char.IsWhiteSpace(c)))
                    report($"factors[{i}].levels[{j}]", $"{Q(f.Levels[j])}: a level must be non-empty, without spaces, ';', '=' or '*'");
        }
        if (s.Cells is not { } cells) return;
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            if (c.Weight <= 0) report($"cells[{i}].weight", $"must be greater than 0, got {N(c.Weight)}");
            foreach (var (factor, level) in c.Levels)
            {
                var path = StudyShape.Join($"cells[{i}].levels", factor);
                if (s.Factors.FirstOrDefault(f => f.Key == factor) is not { } f) report(path, $"no factor {Q(factor)} (factors: {Keys(s.Factors.Select(x => x.Key))})");
                else if (!f.Levels.Contains(level)) report(path, $"factor {Q(factor)} has no level {Q(level)} (levels: {Keys(f.Levels)})");
            }
            foreach (var f in s.Factors.Where(f => !c.Levels.ContainsKey(f.Key)))
                report($"cells[{i}].levels", $"no level given for factor {Q(f.Key)}");
            var arm = string.Join(';', s.Factors.Select(f => f.Key + "=" + c.Levels.GetValueOrDefault(f.Key)));
            if (seen.TryGetValue(arm, out var first)) report($"cells[{i}]", $"the same cell as cells[{first}]");
            else seen[arm] = i;
        }
    }

    static Dictionary<string, Item> CheckPages(StudyDefinition s, Action<string, string> report)
    {
        Unique(s.Pages, (p, i) => (p.Key, $"pages[{i}].key"), "page", report);
        var all = s.Pages.SelectMany((p, i) => p.Items.Select((it, j) => (it, path: $"pages[{i}].items[{j}]"))).ToList();
        // Item keys name the answer columns of the export, so they must be unique across the whole study.
        Unique(all, (x, _) => (x.it.Key, x.path + ".key"), "item", report);
        for (var i = 0; i < s.Pages.Count; i++)
        {
            if (!KeyPattern().IsMatch(s.Pages[i].Key)) report($"pages[{i}].key", KeyRule(s.Pages[i].Key));
            if (s.Pages[i].Items.Count == 0) report($"pages[{i}].items", "a page needs at least one item");
        }
        foreach (var (it, path) in all) CheckItem(it, path, report);
        return all.GroupBy(x => x.it.Key).ToDictionary(g => g.Key, g => g.First().it);
    }

    static void CheckItem(Item it, string path, Action<string, string> report)
    {
        if (!KeyPattern().IsMatch(it.Key)) report(path + ".key", KeyRule(it.Key));
        if (!ItemTypes.All.Contains(it.Type))
        {
            report(path + ".type", $"unknown item type {Q(it.Type)}; types are: {string.Join(", ", ItemTypes.All)}");
            return;
        }
        void NotFor(string key, object? value, params string[] types)
        {
            if (value is not null && !types.Contains(it.Type)) report($"{path}.{key}", $"applies to {string.Join(" and ", types)} items only, not to {it.Type}");
        }
        NotFor("points", it.Points, ItemTypes.Likert);
        NotFor("minLabel", it.MinLabel, ItemTypes.Likert);
        NotFor("maxLabel", it.MaxLabel, ItemTypes.Likert);
        NotFor("pointLabels", it.PointLabels, ItemTypes.Likert);
        NotFor("options", it.Options, ItemTypes.Choice);
        NotFor("min", it.Min, ItemTypes.Number);
        NotFor("max", it.Max, ItemTypes.Number);
        NotFor("maxLength", it.MaxLength, ItemTypes.Text);
        switch (it.Type)
        {
            case ItemTypes.Likert:
                if (it.Points is not { } points) report(path + ".points", "a likert item needs points (e.g. 7)");
                else if (points is < 2 or > 11) report(path + ".points", $"must be from 2 to 11, got {points}");
                if (it.MinLabel is null) report(path + ".minLabel", "a likert item needs labels for both ends");
                if (it.MaxLabel is null) report(path + ".maxLabel", "a likert item needs labels for both ends");
                if (it.PointLabels is { } labels) CheckPointLabels(it, labels, path, report);
                break;
            case ItemTypes.Choice:
                CheckOptions(it.Options, path, report);
                for (var k = 0; k < (it.Options?.Count ?? 0); k++)
                    if (!it.Options![k].GivesAway)
                        report($"{path}.options[{k}].discloses", "applies to the options of checkout choice fields only, not to questionnaire items");
                break;
            case ItemTypes.Number:
                if (it.Min is null) report(path + ".min", "a number item needs min and max");
                if (it.Max is null) report(path + ".max", "a number item needs min and max");
                if (it.Min > it.Max) report(path + ".max", $"max ({N(it.Max!.Value)}) is less than min ({N(it.Min!.Value)})");
                break;
            case ItemTypes.Text:
                if (it.MaxLength is not { } len) report(path + ".maxLength", "a text item needs maxLength (e.g. 200)");
                else if (len < 1) report(path + ".maxLength", $"must be 1 or more, got {len}");
                break;
        }
        if (it.Expected is { } expected && !IsValidAnswer(it, expected))
            report(path + ".expected", $"{Q(expected)} is not an answer this item can get; {AnswerRule(it)}");
    }

    /// <summary>One label per point, and the ends the same as minLabel and maxLabel, so no two texts disagree.</summary>
    static void CheckPointLabels(Item it, IReadOnlyList<Text> labels, string path, Action<string, string> report)
    {
        if (it.Points is not { } points) return;
        if (labels.Count != points)
        {
            report(path + ".pointLabels", $"gives {labels.Count} labels for {points} points; give one per point, or leave pointLabels out");
            return;
        }
        void SameEnd(Text? end, Text label, string key, int index)
        {
            if (end is not null && !end.OrderBy(x => x.Key).SequenceEqual(label.OrderBy(x => x.Key)))
                report($"{path}.pointLabels[{index}]", $"differs from {key}; the end points' labels must be the same texts");
        }
        SameEnd(it.MinLabel, labels[0], "minLabel", 0);
        SameEnd(it.MaxLabel, labels[^1], "maxLabel", points - 1);
    }

    /// <summary>
    /// How answers are stored, and so what "expected" must look like (export-format.md): Likert as its number,
    /// yes/no as 1/0, choices by their code, numbers in invariant culture.
    /// </summary>
    static bool IsValidAnswer(Item it, string v) => it.Type switch
    {
        ItemTypes.Likert => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= (it.Points ?? 0),
        ItemTypes.YesNo => v is "1" or "0",
        ItemTypes.Choice => it.Options?.Any(o => o.Code == v) == true,
        ItemTypes.Number => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= (it.Min ?? double.MinValue) && d <= (it.Max ?? double.MaxValue),
        _ => v.Length > 0 && v.Length <= (it.MaxLength ?? int.MaxValue),
    };

    static string AnswerRule(Item it) => it.Type switch
    {
        ItemTypes.Likert => $"a likert answer is a whole number from 1 to {it.Points}, written as a string like \"2\"",
        ItemTypes.YesNo => "a yes/no answer is \"1\" (yes) or \"0\" (no)",
        ItemTypes.Choice => $"a choice answer is an option code ({Keys(it.Options?.Select(o => o.Code) ?? [])})",
        ItemTypes.Number => $"a number answer lies from {N(it.Min ?? 0)} to {N(it.Max ?? 0)}",
        _ => $"a text answer has 1 to {it.MaxLength} characters",
    };

    static void CheckOptions(IReadOnlyList<ChoiceOption>? options, string path, Action<string, string> report)
    {
        if (options is null || options.Count < 2)
        {
            report(path + ".options", "a choice needs at least two options");
            return;
        }
        Unique(options, (o, i) => (o.Code, $"{path}.options[{i}].code"), "option code", report);
        for (var i = 0; i < options.Count; i++)
            if (options[i].Code.Length == 0 || options[i].Code.Any(char.IsWhiteSpace))
                report($"{path}.options[{i}].code", $"{Q(options[i].Code)}: an option code must be non-empty, without spaces");
    }

    static void CheckBlocks(StudyDefinition s, Action<string, string> report)
    {
        if (s.Blocks.Count == 0) report("blocks", "a study needs at least one block");
        Unique(s.Blocks, (b, i) => (b.Key, $"blocks[{i}].key"), "block", report);
        var pageKeys = s.Pages.Select(p => p.Key).ToHashSet();
        var used = new Dictionary<string, string>();
        for (var i = 0; i < s.Blocks.Count; i++)
        {
            var b = s.Blocks[i];
            if (b.Type == "shop")
            {
                if (b.Pages.Count > 0) report($"blocks[{i}].pages", "a shop block has no pages");
                if (s.Shop is null) report($"blocks[{i}].type", "a shop block needs a \"shop\" in the study");
                if (s.Blocks.Take(i).Any(x => x.Type == "shop")) report($"blocks[{i}].type", "only one shop block is allowed");
            }
            else if (b.Type == "pages")
            {
                if (b.Pages.Count == 0) report($"blocks[{i}].pages", "a pages block needs at least one page");
                for (var j = 0; j < b.Pages.Count; j++)
                {
                    var p = b.Pages[j];
                    var path = $"blocks[{i}].pages[{j}]";
                    if (!pageKeys.Contains(p)) report(path, $"{Q(p)} is not a page (pages: {Keys(pageKeys)})");
                    else if (used.TryGetValue(p, out var other)) report(path, $"page {Q(p)} is already shown at {other}");
                    else used[p] = path;
                }
            }
            else if (b.Type != BlockTypes.Valuation && b.Type != BlockTypes.TwoShops && b.Type != BlockTypes.Listings) report($"blocks[{i}].type", $"unknown block type {Q(b.Type)}; types are: {string.Join(", ", BlockTypes.All)}");
        }
        for (var i = 0; i < s.Pages.Count; i++)
            if (!used.ContainsKey(s.Pages[i].Key) && pageKeys.Contains(s.Pages[i].Key))
                report($"pages[{i}]", $"page {Q(s.Pages[i].Key)} is in no block, so nobody would see it");
        if (s.Shop is not null && !s.Blocks.Any(b => b.Type == "shop"))
            report("shop", "there is a shop but no block of type \"shop\" shows it");

        if (s.BlockOrders is not { } orders) return;
        var blockKeys = s.Blocks.Select(b => b.Key).ToList();
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < orders.Count; i++)
        {
            var o = orders[i];
            if (o.Count != blockKeys.Count || !o.Order().SequenceEqual(blockKeys.Order()))
                report($"blockOrders[{i}]", $"[{string.Join(", ", o)}] must list every block exactly once ({Keys(blockKeys)})");
            var name = string.Join('>', o);
            if (seen.TryGetValue(name, out var first)) report($"blockOrders[{i}]", $"the same order as blockOrders[{first}]");
            else seen[name] = i;
        }
    }

    static void CheckShop(StudyDefinition s, Shop shop, Dictionary<string, Item> items, Action<string, string> report)
    {
        if (!Regex.IsMatch(shop.Currency, @"^[A-Z]{3}\z")) report("shop.currency", $"{Q(shop.Currency)} is not a currency code like \"EUR\"");
        if (shop.MaxDiscountPct is < 0 or > 100) report("shop.maxDiscountPct", $"must be from 0 to 100, got {N(shop.MaxDiscountPct)}");
        if (shop.Products.Count == 0) report("shop.products", "a shop needs at least one product");
        Unique(shop.Products, (p, i) => (p.Key, $"shop.products[{i}].key"), "product", report);
        for (var i = 0; i < shop.Products.Count; i++)
        {
            var p = shop.Products[i];
            if (!KeyPattern().IsMatch(p.Key)) report($"shop.products[{i}].key", KeyRule(p.Key));
            if (p.Price < 0) report($"shop.products[{i}].price", $"must not be negative, got {p.Price.ToString(CultureInfo.InvariantCulture)}");
            if (!ImagePattern().IsMatch(p.Image))
                report($"shop.products[{i}].image", $"{Q(p.Image)} must be a plain file name ending in .svg, .png, .jpg or .webp (a file in Survey.Web/wwwroot/shop/)");
        }
        CheckStorefront(shop, report);
        if (shop.Notice is { } notice)
        {
            if (s.Factors.FirstOrDefault(f => f.Key == notice.Factor) is not { } factor)
                report("shop.notice.factor", $"no factor {Q(notice.Factor)} (factors: {Keys(s.Factors.Select(f => f.Key))})");
            else
            {
                foreach (var level in notice.Levels.Keys.Where(l => !factor.Levels.Contains(l)))
                    report(StudyShape.Join("shop.notice.levels", level), $"factor {Q(factor.Key)} has no level {Q(level)} (levels: {Keys(factor.Levels)})");
                foreach (var level in factor.Levels.Where(l => !notice.Levels.ContainsKey(l)))
                    report("shop.notice.levels", $"no notice for level {Q(level)} of factor {Q(factor.Key)}");
            }
            foreach (var (level, n) in notice.Levels)
                if (n.Style is not ("plain" or "salient"))
                    report(StudyShape.Join("shop.notice.levels", level) + ".style", $"{Q(n.Style)} is not a style; styles are: plain, salient");
        }

        if (shop.DisclosureMode is { } shopMode && !DisclosureModes.All.Contains(shopMode))
            report("shop.disclosureMode", ModeRule(shopMode));
        CheckRequiredFieldChecks(shop, report);
        CheckPrivacyStatement(s, shop, report);
        if (shop.Fields.Count == 0) report("shop.fields", "a checkout needs at least one field");
        Unique(shop.Fields, (f, i) => (f.Key, $"shop.fields[{i}].key"), "field", report);
        var cells = StudyDesign.Cells(s);
        var pairedBy = new Dictionary<string, string>();
        for (var i = 0; i < shop.Fields.Count; i++)
        {
            var f = shop.Fields[i];
            var path = $"shop.fields[{i}]";
            if (!KeyPattern().IsMatch(f.Key)) report(path + ".key", KeyRule(f.Key));
            if (!FieldTypes.All.Contains(f.Type)) report(path + ".type", $"unknown field type {Q(f.Type)}; types are: {string.Join(", ", FieldTypes.All)}");
            if (f.Necessity is not ("required" or "optional")) report(path + ".necessity", $"{Q(f.Necessity)} must be \"required\" or \"optional\"");
            if (f.Sensitivity is < 1 or > 5) report(path + ".sensitivity", $"must be from 1 to 5, got {f.Sensitivity}");
            if (f.DisclosureMode is { } mode)
            {
                if (!DisclosureModes.All.Contains(mode)) report(path + ".disclosureMode", ModeRule(mode));
                else if (!f.IsOptional && mode != DisclosureModes.Server)
                    report(path + ".disclosureMode", $"{Q(mode)}: only optional fields have a disclosure mode; a required field is always typed (server)");
            }
            if (f.Type == FieldTypes.Choice)
            {
                CheckOptions(f.Options, path, report);
                if (f.Options is { Count: > 0 } o && o.All(x => !x.GivesAway))
                    report(path + ".options", "every option says \"discloses\": false; at least one answer must disclose");
            }
            else if (f.Options is not null) report(path + ".options", $"applies to choice fields only, not to {f.Type}");
            foreach (var (key, pct) in f.Offers)
            {
                var offerPath = StudyShape.Join(path + ".offers", key);
                if (OfferKeyProblem(s, key) is { } problem) report(offerPath, problem);
                else if (!cells.Any(c => StudyDesign.OfferKeyMatches(key, c))) report(offerPath, $"offer key {Q(key)} matches no cell of the study");
                if (pct is < 0 or > 100) report(offerPath, $"an offer must be from 0 to 100 percent, got {N(pct)}");
            }
            foreach (var cell in cells)
            {
                var matching = f.Offers.Where(o => OfferKeyProblem(s, o.Key) is null && StudyDesign.OfferKeyMatches(o.Key, cell)).ToList();
                if (matching.Count == 0) continue;
                var best = matching.Max(o => StudyDesign.OfferKeySpecificity(o.Key));
                var tied = matching.Where(o => StudyDesign.OfferKeySpecificity(o.Key) == best).OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
                if (tied.Select(o => o.Value).Distinct().Count() > 1)
                {
                    report(path + ".offers", $"offer keys {string.Join(" and ", tied.Select(o => Q(o.Key)))} both apply to cell {Q(cell.Arm)} " +
                        "with different offers; add a key that names all their factors, e.g. " + Q(cell.Arm));
                    break;
                }
            }
            if (f.PairedItem is { } paired)
            {
                if (!items.TryGetValue(paired, out var item)) report(path + ".pairedItem", $"{Q(paired)} is not an item of any page");
                else if (item.Type != ItemTypes.YesNo) report(path + ".pairedItem", $"{Q(paired)} is a {item.Type} item; a paired item must be a yesno item");
                else if (pairedBy.TryGetValue(paired, out var other)) report(path + ".pairedItem", $"{Q(paired)} is already paired with {other}");
                else pairedBy[paired] = path;
            }
        }
        // Every offer shown must be one the participant gets: a cap that the optional offers of a cell can pass
        // would show badges that add nothing once it is reached, so such a study is refused rather than capped.
        if (shop.MaxDiscountPct is >= 0 and <= 100 && shop.Fields.All(f => f.Offers.Values.All(v => v is >= 0 and <= 100)))
            foreach (var cell in cells)
            {
                var offered = shop.Fields.Where(f => f.IsOptional).Select(f => (f.Key, Pct: StudyDesign.OfferFor(f, cell))).Where(o => o.Pct > 0).ToList();
                var sum = offered.Sum(o => (decimal)o.Pct);
                if (sum > (decimal)shop.MaxDiscountPct)
                    report("shop.maxDiscountPct", $"in cell {Q(cell.Arm)} the optional fields' offers add up to {N((double)sum)}% " +
                        $"({string.Join(" + ", offered.Select(o => $"{o.Key} {N(o.Pct)}"))}), past the cap of {N(shop.MaxDiscountPct)}%, " +
                        "so an offer shown would not be given; lower the offers or raise maxDiscountPct to at least their sum");
            }
    }

    /// <summary>
    /// shop.requiredFieldCheck and each field's check: a check is only ever made on a required typed field, so a
    /// check anywhere else would be a setting that silently does nothing.
    /// </summary>
    static void CheckRequiredFieldChecks(Shop shop, Action<string, string> report)
    {
        if (shop.RequiredFieldCheck is { } mode && !Checkout.RequiredFieldCheck.All.Contains(mode))
            report("shop.requiredFieldCheck", $"{Q(mode)} must be \"any\" (accept what is typed) or \"shop\" (check it as a real shop would)");
        for (var i = 0; i < shop.Fields.Count; i++)
        {
            var f = shop.Fields[i];
            if (f.Check is not { } check) continue;
            var path = $"shop.fields[{i}].check";
            if (!Checkout.ShopChecks.Kinds.Contains(check))
                report(path, $"unknown check {Q(check)}; checks are: {string.Join(", ", Checkout.ShopChecks.Kinds)}");
            else if (f.IsOptional) report(path, "only required fields are checked; an optional field takes whatever is typed");
            else if (f.Type == FieldTypes.Choice) report(path, "a choice field needs no check: its answer is one of its options");
        }
    }

    /// <summary>An offer key is "*" or "factor=level" parts joined by ';', each factor at most once.</summary>
    static string? OfferKeyProblem(StudyDefinition s, string key)
    {
        if (key == "*") return null;
        var factorsSeen = new HashSet<string>();
        foreach (var part in key.Split(';'))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) return $"offer key {Q(key)}: write \"*\" or factor=level parts joined by ';', like \"discount=5;notice=plain\"";
            var (factor, level) = (part[..eq].Trim(), part[(eq + 1)..].Trim());
            if (s.Factors.FirstOrDefault(f => f.Key == factor) is not { } f)
                return $"offer key {Q(key)}: no factor {Q(factor)} (factors: {Keys(s.Factors.Select(x => x.Key))})";
            if (!f.Levels.Contains(level)) return $"offer key {Q(key)}: factor {Q(factor)} has no level {Q(level)} (levels: {Keys(f.Levels)})";
            if (!factorsSeen.Add(factor)) return $"offer key {Q(key)}: factor {Q(factor)} appears twice";
        }
        return null;
    }

    static void CheckPanel(PanelSettings p, Action<string, string> report)
    {
        if (string.IsNullOrWhiteSpace(p.Name)) report("panel.name", "must not be empty");
        if (string.IsNullOrWhiteSpace(p.ParticipantParam)) report("panel.participantParam", "must not be empty");
        if (!CodePattern().IsMatch(p.CompletionCode)) report("panel.completionCode", $"{Q(p.CompletionCode)} must be 1 to 40 letters and digits");
        if (p.CompletionUrl is { } url &&
            (!Uri.TryCreate(url.Replace("{code}", "CODE"), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !url.Contains("{code}")))
            report("panel.completionUrl", $"{Q(url)} must be an http(s) address containing {{code}}");
        if (p.OutcomeCodes is not { } outcomes) return;
        // A code shared by two outcomes would make the panel pay them alike, which is what the codes are for.
        var seen = new Dictionary<string, string>(StringComparer.Ordinal) { [p.CompletionCode] = "panel.completionCode" };
        foreach (var (key, code) in new[]
                 {
                     ("failedAttention", outcomes.FailedAttention), ("withdrew", outcomes.Withdrew), ("declinedConsent", outcomes.DeclinedConsent),
                     ("screenedOut", outcomes.ScreenedOut),
                 })
        {
            if (code is null) continue;
            var path = "panel.outcomeCodes." + key;
            if (!CodePattern().IsMatch(code)) report(path, $"{Q(code)} must be 1 to 40 letters and digits");
            else if (seen.TryGetValue(code, out var first)) report(path, $"{Q(code)} is already the code of {first}; each outcome needs its own");
            else seen[code] = path;
        }
    }

    /// <summary>The storefront: brand, fixed product, catalogue details, shipping, delivery (issue 17).</summary>
    static void CheckStorefront(Shop shop, Action<string, string> report)
    {
        for (var i = 0; i < shop.Products.Count; i++)
        {
            var p = shop.Products[i];
            if (p.Rating is < 1 or > 5) report($"shop.products[{i}].rating", $"must be from 1 to 5, got {N(p.Rating.Value)}");
            if (p.Reviews is < 0) report($"shop.products[{i}].reviews", $"must not be negative, got {p.Reviews}");
            if (p.Stock is < 0) report($"shop.products[{i}].stock", $"must not be negative, got {p.Stock}");
        }
        if (shop.FixedProduct is { } fixedKey && shop.Products.All(p => p.Key != fixedKey))
            report("shop.fixedProduct", $"no product {Q(fixedKey)} (products: {Keys(shop.Products.Select(p => p.Key))})");
        if (shop.FixedProduct is { } f && shop.Products.FirstOrDefault(p => p.Key == f) is { Stock: 0 })
            report("shop.fixedProduct", $"the fixed product {Q(f)} has no stock, so nobody could order it");
        if (shop.Shipping is { } ship)
        {
            if (ship.Cost < 0) report("shop.shipping.cost", $"must not be negative, got {ship.Cost.ToString(CultureInfo.InvariantCulture)}");
            if (ship.FreeFrom is < 0) report("shop.shipping.freeFrom", $"must not be negative, got {ship.FreeFrom.Value.ToString(CultureInfo.InvariantCulture)}");
        }
        for (var i = 0; i < shop.Fields.Count; i++)
            if (shop.Fields[i].Autocomplete is { } token && !AutocompleteTokens.Contains(token))
                report($"shop.fields[{i}].autocomplete", $"{Q(token)} is not an HTML autocomplete token; tokens are: {string.Join(", ", AutocompleteTokens)}");
        if (shop.DeliveryDays is < 1 or > 30) report("shop.deliveryDays", $"must be from 1 to 30, got {shop.DeliveryDays}");
        if (shop.Brand is not { } b) return;
        if (string.IsNullOrWhiteSpace(b.Name) || b.Name.Length > 60) report("shop.brand.name", "must be 1 to 60 characters");
        foreach (var (name, file) in new[] { ("logo", b.Logo), ("favicon", b.Favicon) })
            if (file is not null && !ImagePattern().IsMatch(file))
                report($"shop.brand.{name}", $"{Q(file)} must be a plain file name ending in .svg, .png, .jpg or .webp (a file in Survey.Web/wwwroot/shop/)");
        foreach (var (name, colour) in new[] { ("colour", b.Colour), ("accentColour", b.AccentColour) })
        {
            if (colour is null) continue;
            if (!ColourPattern().IsMatch(colour)) report($"shop.brand.{name}", $"{Q(colour)} is not a colour like \"#0b5cab\"");
            else if (ContrastWithWhite(colour) < 4.5)
                report($"shop.brand.{name}", $"{Q(colour)} is too light for white text (contrast {ContrastWithWhite(colour):0.0}:1, WCAG AA needs 4.5:1)");
        }
        if (b.Kvk is { } kvk && !Regex.IsMatch(kvk, @"^[0-9]{8}\z")) report("shop.brand.kvk", $"{Q(kvk)} is not 8 digits like a KvK number");
        if (b.Email is { } email && !Regex.IsMatch(email, @"^[^@\s]+@[^@\s]+\.[a-z]{2,}\z")) report("shop.brand.email", $"{Q(email)} is not an e-mail address");
    }

    [GeneratedRegex(@"^#[0-9a-fA-F]{6}\z")] private static partial Regex ColourPattern();

    /// <summary>The HTML autofill field names a checkout field may use (WHATWG HTML, "autofill"), and off.</summary>
    static readonly string[] AutocompleteTokens =
    [
        "off", "name", "given-name", "family-name", "honorific-prefix", "email", "tel", "tel-national", "postal-code",
        "street-address", "address-line1", "address-line2", "address-level1", "address-level2", "country", "country-name",
        "bday", "organization", "organization-title", "sex",
    ];

    /// <summary>WCAG 2.1 contrast ratio of white on a #rrggbb colour.</summary>
    public static double ContrastWithWhite(string colour)
    {
        double Channel(int at)
        {
            var c = int.Parse(colour.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        var l = 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
        return 1.05 / (l + 0.05);
    }

    static void Unique<T>(IReadOnlyList<T> list, Func<T, int, (string Key, string Path)> keyOf, string what, Action<string, string> report)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var (key, path) = keyOf(list[i], i);
            if (first.TryGetValue(key, out var at)) report(path, $"duplicate {what} {Q(key)} (first at {at})");
            else first[key] = path;
        }
    }

    static string ModeRule(string mode) => $"unknown disclosure mode {Q(mode)}; modes are: {string.Join(", ", DisclosureModes.All)}";
    static string KeyRule(string key) => $"{Q(key)} must start with a lower-case letter and hold only a-z, 0-9 and _";
    static string Keys(IEnumerable<string> keys) => string.Join(", ", keys);
}
