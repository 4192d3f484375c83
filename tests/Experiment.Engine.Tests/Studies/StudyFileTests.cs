using Experiment.Engine.Assignment;
using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Studies;

public sealed class StudyFileTests
{
    static string Broken(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Studies", "Broken", name);
    static string Seed(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", name);

    // One file per rule, each breaking exactly that rule of an otherwise valid study (see Broken/make_broken.py).
    [TestCase("malformed.json", "$", "malformed JSON at line 4, column 3: '\"' is invalid after a value. Expected either ',', '}', or ']'.")]
    [TestCase("unknown-key.json", "shop.fields[1].colour", "unknown key 'colour'; allowed here: key, type, label, help, necessity, sensitivity, offers, pairedItem, options, specialCategory, autocomplete, disclosureMode, shareName, check")]
    [TestCase("missing-key.json", "texts.debrief", "required key is missing")]
    [TestCase("wrong-type.json", "version", "expected a whole number, got the string \"1\"")]
    [TestCase("missing-text.json", "pages[0].items[0].text", "missing text for language 'nl'")]
    [TestCase("undeclared-language.json", "title.de", "language 'de' is not declared in languages (en, nl)")]
    [TestCase("duplicate-json-key.json", "version", "key 'version' appears twice in one object")]
    [TestCase("duplicate-item.json", "pages[0].items[3].key", "duplicate item 'q_likert' (first at pages[0].items[0].key)")]
    [TestCase("duplicate-page.json", "pages[1].key", "duplicate page 'p1' (first at pages[0].key)")]
    [TestCase("duplicate-field.json", "shop.fields[1].key", "duplicate field 'email' (first at shop.fields[0].key)")]
    [TestCase("duplicate-product.json", "shop.products[1].key", "duplicate product 'powerbank' (first at shop.products[0].key)")]
    [TestCase("duplicate-block.json", "blocks[1].key", "duplicate block 'questionnaire' (first at blocks[0].key)")]
    [TestCase("duplicate-factor.json", "factors[1].key", "duplicate factor 'discount' (first at factors[0].key)")]
    [TestCase("duplicate-level.json", "factors[0].levels[2]", "duplicate level '0' (first at factors[0].levels[0])")]
    [TestCase("duplicate-option.json", "pages[0].items[2].options[1].code", "duplicate option code 'a' (first at pages[0].items[2].options[0].code)")]
    [TestCase("min-above-max.json", "pages[0].items[3].max", "max (10) is less than min (20)")]
    [TestCase("too-few-points.json", "pages[0].items[0].points", "must be from 2 to 11, got 1")]
    [TestCase("max-length-zero.json", "pages[0].items[4].maxLength", "must be 1 or more, got 0")]
    [TestCase("sensitivity-range.json", "shop.fields[1].sensitivity", "must be from 1 to 5, got 6")]
    [TestCase("offer-range.json", "shop.fields[1].offers['discount=5']", "an offer must be from 0 to 100 percent, got 150")]
    [TestCase("negative-price.json", "shop.products[0].price", "must not be negative, got -1")]
    [TestCase("offer-unknown-level.json", "shop.fields[1].offers['discount=15']", "offer key 'discount=15': factor 'discount' has no level '15' (levels: 0, 5)")]
    [TestCase("offer-unknown-factor.json", "shop.fields[1].offers['price=5']", "offer key 'price=5': no factor 'price' (factors: discount)")]
    [TestCase("block-order-not-permutation.json", "blockOrders[1]", "[shop, shop] must list every block exactly once (questionnaire, shop)")]
    [TestCase("block-unknown-page.json", "blocks[0].pages[1]", "'p2' is not a page (pages: p1)")]
    [TestCase("attention-expected.json", "pages[0].items[0].expected", "'8' is not an answer this item can get; a likert answer is a whole number from 1 to 7, written as a string like \"2\"")]
    [TestCase("paired-item-missing.json", "shop.fields[1].pairedItem", "'share_bsn' is not an item of any page")]
    [TestCase("paired-item-not-yesno.json", "shop.fields[1].pairedItem", "'q_likert' is a likert item; a paired item must be a yesno item")]
    [TestCase("image-path.json", "shop.products[0].image", "'../secrets/powerbank.svg' must be a plain file name ending in .svg, .png, .jpg or .webp (a file in Survey.Web/wwwroot/shop/)")]
    [TestCase("default-language.json", "defaultLanguage", "'fr' is not declared in languages (en, nl)")]
    [TestCase("ethics-missing.json", "ethics", "a study meant for launch needs \"ethics\": institution, researcher (name, email), dataController and approval, shown on the consent page; a demonstration says \"demo\": true instead")]
    [TestCase("ethics-email.json", "ethics.researcher.email", "'jansen at the university' is not an e-mail address like name@university.nl")]
    [TestCase("ethics-name-blank.json", "ethics.researcher.name", "must not be empty")]
    [TestCase("ethics-approval-blank.json", "ethics.approval", "must not be empty: the ethics committee's reference, e.g. \"ERB-2026-017\"")]
    [TestCase("ethics-controller-missing.json", "ethics.dataController", "required key is missing")]
    [TestCase("point-labels-count.json", "pages[0].items[0].pointLabels", "gives 3 labels for 7 points; give one per point, or leave pointLabels out")]
    [TestCase("point-labels-end.json", "pages[0].items[0].pointLabels[6]", "differs from maxLabel; the end points' labels must be the same texts")]
    [TestCase("point-labels-not-likert.json", "pages[0].items[1].pointLabels", "applies to likert items only, not to yesno")]
    [TestCase("discloses-on-item.json", "pages[0].items[2].options[0].discloses", "applies to the options of checkout choice fields only, not to questionnaire items")]
    [TestCase("discloses-none.json", "shop.fields[2].options", "every option says \"discloses\": false; at least one answer must disclose")]
    [TestCase("offers-past-cap.json", "shop.maxDiscountPct", "in cell 'discount=5' the optional fields' offers add up to 10% (mobile 5 + dob 5), past the cap of 8%, so an offer shown would not be given; lower the offers or raise maxDiscountPct to at least their sum")]
    [TestCase("exclusion-unknown-rule.json", "exclusions[1].rule", "unknown rule 'too_fast'; rules are: pilot, debrief_not_reached, behaviour_consent_refused, attention_failed, speeder")]
    [TestCase("exclusion-duplicate-rule.json", "exclusions[1].rule", "duplicate exclusion rule 'pilot' (first at exclusions[0].rule)")]
    [TestCase("exclusion-speeder-no-threshold.json", "exclusions[0]", "a speeder rule needs exactly one of minSeconds (e.g. 120) or fractionOfMedian (e.g. 0.3)")]
    [TestCase("exclusion-speeder-both-thresholds.json", "exclusions[0]", "a speeder rule needs exactly one of minSeconds (e.g. 120) or fractionOfMedian (e.g. 0.3)")]
    [TestCase("exclusion-speeder-fraction-range.json", "exclusions[0].fractionOfMedian", "must be between 0 and 1 (exclusive), got 1.5")]
    [TestCase("exclusion-speeder-seconds-range.json", "exclusions[1].minSeconds", "must be above 0 seconds, got 0")]
    [TestCase("exclusion-threshold-on-other-rule.json", "exclusions[0].minSeconds", "only the rule 'speeder' takes minSeconds, not 'attention_failed'")]
    [TestCase("exclusion-unknown-key.json", "exclusions[0].maxSeconds", "unknown key 'maxSeconds'; allowed here: rule, minSeconds, fractionOfMedian")]
    public void Load_brokenFile_reportsExactlyItsProblem(string file, string path, string message)
    {
        var result = StudyFile.Load(Broken(file));

        Assert.That(result.Problems, Is.EqualTo(new[] { new StudyProblem(Broken(file), path, message) }));
        Assert.That(result.Study, Is.Null);
        Assert.That(result.ContentHash, Is.Null);
    }

    [Test]
    public void Load_languageWithoutBuiltInLabels_listsEveryMissingLabel()
    {
        var file = Broken("language-without-labels.json");

        var result = StudyFile.Load(file);

        // Computed, because the web pages keep adding labels (Labels.Defaults).
        var expected = "language 'de' has no built-in labels, so every label needs a text in it; missing: " + string.Join(", ", Labels.Defaults.Keys);
        Assert.That(result.Problems, Is.EqualTo(new[] { new StudyProblem(file, "labels", expected) }));
        Assert.That(expected, Does.Contain("missing: next, start, agree,"));
    }

    [Test]
    public void Load_everyBrokenFile_hasATestCase()
    {
        var tested = typeof(StudyFileTests).GetMethod(nameof(Load_brokenFile_reportsExactlyItsProblem))!
            .GetCustomAttributes(typeof(TestCaseAttribute), false).Cast<TestCaseAttribute>().Select(t => (string)t.Arguments[0]!);
        var files = Directory.GetFiles(Path.GetDirectoryName(Broken("x"))!, "*.json").Select(Path.GetFileName).Where(f => f is not ("valid.json" or "language-without-labels.json"));
        Assert.That(files, Is.EquivalentTo(tested));
    }

    [Test]
    public void Load_validFileWithCommentsAndTrailingCommas_parses()
    {
        var result = StudyFile.Load(Broken("valid.json"));

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Study!.Id, Is.EqualTo("broken"));
        Assert.That(result.ContentHash, Does.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public void Parse_demoWithoutEthics_isValidAndMarkedADemo()
    {
        var valid = StudyFile.Load(Broken("valid.json")).Study!;
        var withoutEthics = File.ReadAllText(Broken("ethics-missing.json")).Replace("\"version\": 1,", "\"version\": 1, \"demo\": true,");

        var demo = StudyFile.Parse(withoutEthics, "demo.json");

        Assert.That(demo.Problems, Is.Empty);
        Assert.That(demo.Study!.Demo, Is.True);
        Assert.That(demo.Study.Ethics, Is.Null);
        Assert.That(valid.Demo, Is.False);
        Assert.That(valid.Ethics!.Researcher.Email, Is.EqualTo("j.jansen@example.org"));
    }

    static string WithPanel(string outcomeCodes) => File.ReadAllText(Broken("valid.json")).Replace("\"version\": 1,",
        "\"version\": 1, \"panel\": { \"name\": \"prolific\", \"participantParam\": \"PROLIFIC_PID\", " +
        "\"completionUrl\": \"https://app.prolific.com/submissions/complete?cc={code}\", \"completionCode\": \"DONE1\"" + outcomeCodes + " },");

    [Test]
    public void Parse_distinctOutcomeCodes_areRead()
    {
        var result = StudyFile.Parse(WithPanel(", \"outcomeCodes\": { \"failedAttention\": \"ATTN1\", \"withdrew\": \"GONE1\", \"declinedConsent\": \"NO1\" }"), "s.json");

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Study!.Panel!.OutcomeCodes, Is.EqualTo(new OutcomeCodes { FailedAttention = "ATTN1", Withdrew = "GONE1", DeclinedConsent = "NO1" }));
    }

    [TestCase("\"withdrew\": \"DONE1\"", "panel.outcomeCodes.withdrew", "'DONE1' is already the code of panel.completionCode; each outcome needs its own")]
    [TestCase("\"failedAttention\": \"X1\", \"declinedConsent\": \"X1\"", "panel.outcomeCodes.declinedConsent",
        "'X1' is already the code of panel.outcomeCodes.failedAttention; each outcome needs its own")]
    [TestCase("\"declinedConsent\": \"no code\"", "panel.outcomeCodes.declinedConsent", "'no code' must be 1 to 40 letters and digits")]
    public void Parse_sharedOrMalformedOutcomeCodes_areRefusedWithTheirPath(string codes, string path, string message)
    {
        var result = StudyFile.Parse(WithPanel(", \"outcomeCodes\": { " + codes + " }"), "s.json");

        Assert.That(result.Problems, Is.EqualTo(new[] { new StudyProblem("s.json", path, message) }));
    }

    static string WithDesign(string design) => File.ReadAllText(Broken("valid.json")).Replace("\"version\": 1,",
        "\"version\": 1, \"design\": " + design + ",");

    [Test]
    public void Parse_completedPlusActiveWithTimeout_isRead()
    {
        var result = StudyFile.Parse(WithDesign("{ \"balance\": \"completed-plus-active\", \"activeTimeoutMinutes\": 45 }"), "s.json");

        Assert.That(result.Problems, Is.Empty);
        Assert.That(BalancePolicy.Of(result.Study!), Is.EqualTo(BalancePolicy.CompletedPlusActive));
        Assert.That(BalancePolicy.ActiveTimeout(result.Study!), Is.EqualTo(TimeSpan.FromMinutes(45)));
        Assert.That(BalancePolicy.Of(StudyFile.Load(Broken("valid.json")).Study!), Is.EqualTo(BalancePolicy.Enrolled), "the default");
    }

    [TestCase("{ \"balance\": \"completed\" }", "design.balance", "unknown balance policy 'completed'; policies are: enrolled, completed-plus-active")]
    [TestCase("{ \"balance\": \"completed-plus-active\" }", "design.activeTimeoutMinutes",
        "completed-plus-active needs the minutes after which a silent session stops holding its place, e.g. 60")]
    [TestCase("{ \"balance\": \"completed-plus-active\", \"activeTimeoutMinutes\": 0 }", "design.activeTimeoutMinutes",
        "must be 1 to 1440 minutes (at most the abandonment time), got 0")]
    [TestCase("{ \"balance\": \"enrolled\", \"activeTimeoutMinutes\": 30 }", "design.activeTimeoutMinutes",
        "only the policy 'completed-plus-active' takes activeTimeoutMinutes, not 'enrolled'")]
    [TestCase("{ \"balance\": \"enrolled\", \"timeout\": 30 }", "design.timeout", "unknown key 'timeout'; allowed here: balance, activeTimeoutMinutes")]
    public void Parse_badBalancePolicy_isRefusedWithItsPath(string design, string path, string message)
    {
        var result = StudyFile.Parse(WithDesign(design), "s.json");

        Assert.That(result.Problems, Is.EqualTo(new[] { new StudyProblem("s.json", path, message) }));
    }

    static string WithScreening(string options, string allowed) => File.ReadAllText(Broken("valid.json")).Replace("\"version\": 1,",
        "\"version\": 1, \"screening\": { \"question\": { \"nl\": \"18+?\", \"en\": \"18+?\" }, \"options\": [" + options + "], " +
        "\"allowed\": [" + allowed + "], \"screenedOut\": { \"nl\": \"Helaas\", \"en\": \"Sorry\" } },");

    const string YesNoOptions = "{ \"code\": \"adult\", \"text\": { \"nl\": \"Ja\", \"en\": \"Yes\" } }, " +
                                "{ \"code\": \"minor\", \"text\": { \"nl\": \"Nee\", \"en\": \"No\" } }";

    [Test]
    public void Parse_screeningQuestion_isRead()
    {
        var result = StudyFile.Parse(WithScreening(YesNoOptions, "\"adult\""), "s.json");

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Study!.Screening!.Allowed, Is.EqualTo(new[] { "adult" }));
        Assert.That(result.Study.Screening.Options.Select(o => o.Code), Is.EqualTo(new[] { "adult", "minor" }));
    }

    [TestCase("\"grown\"", "screening.allowed[0]", "'grown' is not an option code (options: adult, minor)")]
    [TestCase("\"adult\", \"minor\"", "screening.allowed", "every option is allowed, so the question screens nobody out")]
    [TestCase("", "screening.allowed", "list the option codes that may take part; with none, nobody could")]
    public void Parse_badScreening_isRefusedWithItsPath(string allowed, string path, string message)
    {
        var result = StudyFile.Parse(WithScreening(YesNoOptions, allowed), "s.json");

        Assert.That(result.Problems, Is.EqualTo(new[] { new StudyProblem("s.json", path, message) }));
    }

    [Test]
    public void Parse_screenedOutCodeSharedWithDeclined_isRefused()
    {
        var result = StudyFile.Parse(WithPanel(", \"outcomeCodes\": { \"declinedConsent\": \"NO1\", \"screenedOut\": \"NO1\" }"), "s.json");

        Assert.That(result.Problems, Is.EqualTo(new[] { new StudyProblem("s.json", "panel.outcomeCodes.screenedOut",
            "'NO1' is already the code of panel.outcomeCodes.declinedConsent; each outcome needs its own") }));
    }

    [Test]
    public void ContentHash_demoFlagAddedAsFalse_doesNotChange()
    {
        var original = File.ReadAllText(Broken("valid.json"));
        var flagged = original.Replace("\"version\": 1,", "\"version\": 1, \"demo\": false,");

        Assert.That(flagged, Is.Not.EqualTo(original));
        Assert.That(StudyFile.Parse(flagged, "b.json").ContentHash, Is.EqualTo(StudyFile.Parse(original, "a.json").ContentHash));
    }

    [Test]
    public void ContentHash_formattingCommentsAndTextKeyOrder_areIgnoredButContentIsNot()
    {
        var original = File.ReadAllText(Broken("valid.json"));
        var reformatted = "/* other comment */ " + string.Join(" ", original.Split('\n').Where(l => !l.TrimStart().StartsWith("//")).Select(l => l.Trim()))
            .Replace("\"en\": \"Broken\", \"nl\": \"Broken\"", "\"nl\": \"Broken\", \"en\": \"Broken\"");
        var changed = original.Replace("\"price\": 24.95", "\"price\": 19.95");

        var a = StudyFile.Parse(original, "a.json");
        var b = StudyFile.Parse(reformatted, "b.json");
        var c = StudyFile.Parse(changed, "c.json");

        Assert.That(reformatted, Does.Contain("\"nl\": \"Broken\", \"en\": \"Broken\""), "the test really reorders a text");
        Assert.That(b.ContentHash, Is.EqualTo(a.ContentHash));
        Assert.That(c.Problems, Is.Empty);
        Assert.That(c.ContentHash, Is.Not.EqualTo(a.ContentHash));
    }

    [Test]
    public void Parse_severalProblems_reportsEveryProblemAtOnce()
    {
        var json = File.ReadAllText(Broken("valid.json"))
            .Replace("\"version\": 1", "\"version\": 1, \"colour\": \"red\"")
            .Replace("\"sensitivity\": 3", "\"sensitivity\": 0")
            .Replace("\"pairedItem\": \"will_mobile\"", "\"pairedItem\": \"will_bsn\"");

        var problems = StudyFile.Parse(json, "s.json").Problems.Select(p => p.ToString());

        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "s.json: colour: unknown key 'colour'; allowed here: id, version, slug, languages, defaultLanguage, title, texts, ethics, demo, labels, retentionDays, license, allowForcedCell, panel, factors, cells, targetPerCell, design, screening, blocks, blockOrders, pages, shop, valuation, exclusions, approvals",
            "s.json: shop.fields[1].sensitivity: must be from 1 to 5, got 0",
            "s.json: shop.fields[1].pairedItem: 'will_bsn' is not an item of any page",
        }));
    }

    [TestCase("CC-BY-4.0")]
    [TestCase("CC0-1.0")]
    [TestCase("MIT OR Apache-2.0")]
    [TestCase("https://creativecommons.org/licenses/by/4.0/")]
    public void Parse_licenseSpdxIdOrLink_isKept(string license)
    {
        var json = File.ReadAllText(Broken("valid.json")).Replace("\"version\": 1", $"\"version\": 1, \"license\": \"{license}\"");
        var result = StudyFile.Parse(json, "s.json");
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Study!.License, Is.EqualTo(license));
    }

    [TestCase("")]
    [TestCase("CC BY 4.0")]
    [TestCase("<b>CC-BY</b>")]
    [TestCase("ftp://example.org/license")]
    public void Parse_licenseOtherText_isReported(string license)
    {
        var json = File.ReadAllText(Broken("valid.json")).Replace("\"version\": 1", $"\"version\": 1, \"license\": \"{license}\"");
        Assert.That(StudyFile.Parse(json, "s.json").Problems, Is.EqualTo(new[] { new StudyProblem("s.json", "license",
            $"'{license}' is not an SPDX license id like \"CC-BY-4.0\" or \"CC0-1.0\", nor an http(s) link (at most 200 characters)") }));
    }

    [TestCase("[]", "$", "expected an object { ... }, got a list")]
    [TestCase(" \n", "$", "the file is empty")]
    [TestCase("{\n  \"id\": \"x\",\n  \"version\": 1,\n  \"title\": \"unterminated\n}", "$", "malformed JSON at line 4, column 25: '0x0A' is invalid within a JSON string. The string should be correctly escaped.")]
    public void Parse_nonStudy_reportsTheRoot(string json, string path, string message) =>
        Assert.That(StudyFile.Parse(json, "x.json").Problems.FirstOrDefault(), Is.EqualTo(new StudyProblem("x.json", path, message)));

    [Test]
    public void Load_missingFile_reportsIt()
    {
        var result = StudyFile.Load("/no/such/study.json");
        Assert.That(result.Problems.Single().Path, Is.EqualTo("$"));
        Assert.That(result.Problems.Single().Message, Does.StartWith("cannot read the file: "));
    }

    [Test]
    public void DocumentationExample_withoutComments_isTheDemoStudy()
    {
        var doc = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Docs", "study-format.md"));
        var start = doc.IndexOf("```jsonc\n", StringComparison.Ordinal) + "```jsonc\n".Length;
        var example = doc[start..doc.IndexOf("\n```", start, StringComparison.Ordinal)];

        var fromDoc = StudyFile.Parse(example, "study-format.md");
        var demo = StudyFile.Load(Seed("demo.json"));

        Assert.That(example, Does.Contain("//"), "the example is annotated");
        Assert.That(fromDoc.Problems, Is.Empty);
        Assert.That(fromDoc.ContentHash, Is.EqualTo(demo.ContentHash));
    }

    [TestCase("yesno", "yes", "'yes' is not an answer this item can get; a yes/no answer is \"1\" (yes) or \"0\" (no)")]
    [TestCase("choice", "c", "'c' is not an answer this item can get; a choice answer is an option code (a, b)")]
    [TestCase("number", "11", "'11' is not an answer this item can get; a number answer lies from 0 to 10")]
    public void Parse_attentionCheckExpected_mustBeAStoredAnswer(string type, string expected, string message)
    {
        var study = StudyFile.Load(Broken("valid.json")).Study!;
        var index = study.Pages[0].Items.ToList().FindIndex(i => i.Type == type);
        var json = File.ReadAllText(Broken("valid.json"));
        var key = $"\"key\": \"{study.Pages[0].Items[index].Key}\",";
        var good = type == "yesno" ? "1" : type == "choice" ? "b" : "10";

        var bad = StudyFile.Parse(json.Replace(key, key + $" \"expected\": \"{expected}\","), "s.json");
        var fine = StudyFile.Parse(json.Replace(key, key + $" \"expected\": \"{good}\","), "s.json");

        Assert.That(bad.Problems, Is.EqualTo(new[] { new StudyProblem("s.json", $"pages[0].items[{index}].expected", message) }));
        Assert.That(fine.Problems, Is.Empty);
        Assert.That(fine.Study!.Pages[0].Items[index].IsAttentionCheck, Is.True);
    }

    [Test]
    public void Parse_equallySpecificOfferKeysWithDifferentOffersForOneCell_areAmbiguous()
    {
        var json = File.ReadAllText(Seed("privacy-paradox-nl.json"));
        // The first offers object is the first optional field's (shop.fields[6], dob).
        var firstOffers = new System.Text.RegularExpressions.Regex("\"offers\": \\{[^}]*\\}");
        var ambiguous = firstOffers.Replace(json, "\"offers\": { \"discount=3\": 3, \"notice=salient\": 4 }", 1);
        var resolved = firstOffers.Replace(json, "\"offers\": { \"discount=3\": 3, \"notice=salient\": 4, \"discount=3;notice=salient\": 2 }", 1);
        Assert.That(ambiguous, Is.Not.EqualTo(json));

        var problems = StudyFile.Parse(ambiguous, "s.json").Problems;
        var fixedStudy = StudyFile.Parse(resolved, "s.json");

        Assert.That(problems, Is.EqualTo(new[] { new StudyProblem("s.json", "shop.fields[6].offers",
            "offer keys 'discount=3' and 'notice=salient' both apply to cell 'discount=3;notice=salient' with different offers; " +
            "add a key that names all their factors, e.g. 'discount=3;notice=salient'") }));
        Assert.That(fixedStudy.Problems, Is.Empty);
        var cells = StudyDesign.Cells(fixedStudy.Study!);
        Assert.That(cells.Select(c => StudyDesign.OfferFor(fixedStudy.Study!.Shop!.Fields[6], c)), Is.EqualTo(new double[] { 0, 4, 3, 2, 0, 4 }));
    }

    /// <summary>The seed study with its shop changed by <paramref name="change"/> (shop.fields[0] is name, [1] postcode, [5] email, [6] dob).</summary>
    static string SeedWithShop(Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Seed("privacy-paradox-nl.json")))!.AsObject();
        change(root["shop"]!.AsObject());
        return root.ToJsonString();
    }

    [Test]
    public void Parse_requiredFieldCheckShopWithANameCheck_isReadAndGivesTheLinesTheirChecks()
    {
        var result = StudyFile.Parse(SeedWithShop(shop =>
        {
            shop["requiredFieldCheck"] = "shop";
            shop["fields"]![0]!["check"] = "name";
        }), "s.json");
        Assert.That(result.Problems, Is.Empty);
        var lines = Experiment.Engine.Checkout.CheckoutRules.Lines(result.Study!, 0);
        Assert.That(lines.Where(l => l.Check is not null).Select(l => (l.Field.Key, l.Check)),
            Is.EqualTo(new[] { ("name", "name"), ("postcode", "postcode"), ("email", "email") }),
            "house number, street and town have no kind; optional fields are never checked");
    }

    [TestCase("requiredFieldCheck", "strict", "shop.requiredFieldCheck", "'strict' must be \"any\" (accept what is typed) or \"shop\" (check it as a real shop would)")]
    [TestCase("fields[0].check", "shoe_size", "shop.fields[0].check", "unknown check 'shoe_size'; checks are: email, postcode, name")]
    [TestCase("fields[6].check", "name", "shop.fields[6].check", "only required fields are checked; an optional field takes whatever is typed")]
    public void Parse_badRequiredFieldCheck_isRefusedWithItsPath(string where, string value, string path, string message)
    {
        var json = SeedWithShop(shop =>
        {
            if (where == "requiredFieldCheck") shop["requiredFieldCheck"] = value;
            else shop["fields"]![where == "fields[0].check" ? 0 : 6]!["check"] = value;
        });
        Assert.That(StudyFile.Parse(json, "s.json").Problems, Is.EqualTo(new[] { new StudyProblem("s.json", path, message) }));
    }

    [TestCase("privacy-paradox-nl.json", new[] { "nl", "en" })]
    [TestCase("privacy-paradox-prolific.json", new[] { "en" })]
    [TestCase("demo.json", new[] { "nl", "en" })]
    public void Load_seedStudy_validatesClean(string file, string[] languages)
    {
        var result = StudyFile.Load(Seed(file));
        Assert.That(result.Problems.Select(p => p.ToString()), Is.Empty);
        Assert.That(result.Study!.Languages, Is.EquivalentTo(languages));
    }

    [TestCase("\"maxDiscountPct\": 50,", "\"maxDiscountPct\": 50, \"disclosureMode\": \"browsr\",", "shop.disclosureMode",
        "unknown disclosure mode 'browsr'; modes are: server, browser, choice")]
    [TestCase("\"key\": \"mobile\",", "\"key\": \"mobile\", \"disclosureMode\": \"Choice\",", "shop.fields[7].disclosureMode",
        "unknown disclosure mode 'Choice'; modes are: server, browser, choice")]
    [TestCase("\"key\": \"email\",", "\"key\": \"email\", \"disclosureMode\": \"choice\",", "shop.fields[5].disclosureMode",
        "'choice': only optional fields have a disclosure mode; a required field is always typed (server)")]
    [TestCase("\"key\": \"email\",", "\"key\": \"email\", \"disclosureMode\": 3,", "shop.fields[5].disclosureMode",
        null)]
    public void Parse_badDisclosureMode_isReportedWithItsPath(string find, string replace, string path, string? message)
    {
        // The seed in server mode, which has no shop-wide mode yet.
        var json = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Shared", "privacy-paradox-server.json"));
        var edited = json.Replace(find, replace);
        Assert.That(edited, Is.Not.EqualTo(json));

        var problems = StudyFile.Parse(edited, "s.json").Problems;

        Assert.That(problems.Select(p => p.Path), Is.EqualTo(new[] { path }));
        if (message is not null) Assert.That(problems.Single().Message, Is.EqualTo(message));
    }

    [Test]
    public void SeedStudy_walkedThrough_followsTheDesign()
    {
        var s = StudyFile.Load(Seed("privacy-paradox-nl.json")).Study!;
        var items = StudyDesign.AllItems(s).ToDictionary(i => i.Key);
        var optional = s.Shop!.Fields.Where(f => f.IsOptional).ToList();

        Assert.That(StudyDesign.Cells(s).Select(c => c.Arm), Is.EqualTo(new[]
        {
            "discount=0;notice=plain", "discount=0;notice=salient", "discount=3;notice=plain",
            "discount=3;notice=salient", "discount=7;notice=plain", "discount=7;notice=salient",
        }));
        Assert.That(StudyDesign.BlockOrders(s).Select(StudyDesign.BlockOrderName), Is.EqualTo(new[] { "questionnaire>shop", "shop>questionnaire" }));
        // IUIPC-8 (Gross 2021): two control, two awareness, four collection items, 7 points, none reverse-coded.
        var concern = items.Values.Where(i => i.Construct!.StartsWith("concern.")).ToList();
        Assert.That(concern.Select(i => i.Key), Is.EqualTo(new[] { "iuipc_ctrl1", "iuipc_ctrl2", "iuipc_awa1", "iuipc_awa2", "iuipc_coll1", "iuipc_coll2", "iuipc_coll3", "iuipc_coll4" }));
        Assert.That(concern.Select(i => i.Construct!.Split('.')[1]), Is.EqualTo(new[] { "control", "control", "awareness", "awareness", "collection", "collection", "collection", "collection" }));
        Assert.That(concern.Select(i => (i.Points, i.Reverse, i.PointLabels?.Count)), Has.All.EqualTo(((int?)7, false, (int?)7)));
        Assert.That(items["seg_lost_control"].Text.In("en"), Is.EqualTo("Consumers have lost all control over how personal information is collected and used by companies."));
        Assert.That(items["seg_lost_control"].Text.In("nl"), Does.Contain("alle controle verloren"));
        var attention = items.Values.Single(i => i.IsAttentionCheck);
        var asked = attention.PointLabels![int.Parse(attention.Expected!) - 1];
        Assert.That(attention.Text.In("nl"), Does.Contain($"'{asked.In("nl")}'"), "the answer asked for is a label on screen");
        Assert.That(attention.Text.In("en"), Does.Contain($"'{asked.In("en")}'"));
        Assert.That(s.Demo, Is.False);
        Assert.That(s.Ethics, Is.Not.Null);
        Assert.That(items.Keys, Is.SupersetOf(new[] { "seg_lost_control", "seg_companies_proper", "seg_law_protects", "tradeoff_privacy_over_service" }));
        Assert.That(items.Values.Count(i => i.IsAttentionCheck), Is.EqualTo(1));
        Assert.That(optional.Select(f => f.Type), Is.SupersetOf(new[] { FieldTypes.Date, FieldTypes.Mobile, FieldTypes.Income, FieldTypes.Bsn, FieldTypes.Choice, FieldTypes.EmailList }));
        Assert.That(optional, Has.Count.GreaterThanOrEqualTo(7));
        Assert.That(optional.Select(f => f.PairedItem), Is.EqualTo(optional.Select(f => "will_" + f.Key)));
        Assert.That(optional.Select(f => items[f.PairedItem!].Type), Has.All.EqualTo(ItemTypes.YesNo));
        // Every offer is honest: in the highest cell the seven 7% offers add up to 49%, under the 50% cap.
        var highest = StudyDesign.Cells(s)[4];
        Assert.That(optional.Select(f => StudyDesign.OfferFor(f, highest)), Has.All.EqualTo(7));
        Assert.That(optional.Sum(f => StudyDesign.OfferFor(f, highest)), Is.LessThanOrEqualTo(s.Shop.MaxDiscountPct));
        // The page states the retention period (from retentionDays) once; the text itself does not repeat it.
        Assert.That(s.Texts.Consent.In("en"), Does.Contain("withdraw").And.Not.Contain("days"));
        Assert.That(s.Texts.Consent.In("nl"), Does.Contain("intrekken").And.Not.Contain("dagen"));
        // A university's own panel: no Prolific link; typed in browser mode, the BSN only as a choice (docs/ethics.md).
        Assert.That((s.Panel!.Name, s.Panel.CompletionUrl), Is.EqualTo(("university", (string?)null)));
        Assert.That(optional.Select(f => (f.Key, s.Shop.ModeOf(f))).Where(x => x.Item2 != DisclosureModes.Browser), Is.EqualTo(new[] { ("bsn", DisclosureModes.Choice) }));
    }

    [Test]
    public void ProlificSeed_asShipped_isEnglishAndAllChoicesWithoutBsnAndPaysThroughProlific()
    {
        var s = StudyFile.Load(Seed("privacy-paradox-prolific.json")).Study!;
        var items = StudyDesign.AllItems(s).ToDictionary(i => i.Key);

        Assert.That(s.Languages, Is.EqualTo(new[] { "en" }));
        Assert.That(s.Panel!.CompletionUrl, Is.EqualTo("https://app.prolific.com/submissions/complete?cc={code}"));
        Assert.That(s.Shop!.Fields.Select(f => (f.IsOptional, s.Shop.ModeOf(f))), Has.All.EqualTo((true, DisclosureModes.Choice)), "nothing is typed");
        Assert.That(s.Shop.Fields.Select(f => f.Type), Does.Not.Contain(FieldTypes.Bsn));
        Assert.That(items.Keys, Does.Not.Contain("will_bsn"));
        Assert.That(s.Shop.Fields.Select(f => f.PairedItem), Is.EqualTo(s.Shop.Fields.Select(f => "will_" + f.Key)));
    }
}
