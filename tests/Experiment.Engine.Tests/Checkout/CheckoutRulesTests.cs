using Experiment.Engine.Checkout;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Checkout;

public sealed class CheckoutRulesTests
{
    static readonly DateOnly Today = new(2026, 6, 1);

    /// <summary>The seed study in server mode (its shape before disclosure modes).</summary>
    static StudyDefinition Seed() =>
        StudyFile.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "Shared", "privacy-paradox-server.json")).Study!;

    /// <summary>The seed study as shipped: browser mode, the BSN as a choice.</summary>
    static StudyDefinition BrowserSeed() =>
        StudyFile.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "privacy-paradox-nl.json")).Study!;

    static (StudyDefinition Study, IReadOnlyList<CheckoutLine> Lines) PayingCell(StudyDefinition study)
    {
        var cell = StudyDesign.Cells(study).First(c => c.Levels["discount"] == "7");
        return (study, CheckoutRules.Lines(study, cell.Index));
    }

    static List<DisclosureRow> Order(StudyDefinition study, IReadOnlyList<CheckoutLine> lines, Dictionary<string, string> form, bool ordered = true) =>
        CheckoutRules.Disclosures("p1", k => form.GetValueOrDefault(k), study.Shop!, lines, ordered, Today);

    [Test]
    public void Lines_sameDefinitionAndCell_areDerivedOnceAndMatchAFreshDerivation()
    {
        var study = BrowserSeed();
        var cells = StudyDesign.Cells(study);
        var first = CheckoutRules.Lines(study, cells[0].Index);

        Assert.That(CheckoutRules.Lines(study, cells[0].Index), Is.SameAs(first), "the second request of a cell gets the lines already derived");
        Assert.That(first is ICollection<CheckoutLine> { IsReadOnly: false }, Is.False, "no caller can change the shared lines");
        foreach (var cell in cells)
        {
            // A copy of the definition is another key: derived anew, the same lines.
            var fresh = CheckoutRules.Lines(study with { }, cell.Index);
            Assert.That(CheckoutRules.Lines(study, cell.Index), Is.EqualTo(fresh).And.Not.SameAs(fresh), cell.Arm);
        }
        Assert.That(CheckoutRules.Lines(study, cells[^1].Index).Select(l => l.OfferPct), Is.Not.EqualTo(first.Select(l => l.OfferPct)),
            "each cell has its own offers");
        Assert.That(() => CheckoutRules.Lines(study, cells.Count), Throws.InstanceOf<ArgumentOutOfRangeException>(), "a cell the study does not have");
    }

    [Test]
    public void Lines_browserSeed_takeTheShopsModeTheFieldsOverrideAndServerForRequiredFields()
    {
        var (_, lines) = PayingCell(BrowserSeed());

        Assert.That(lines.Select(l => (l.Field.Key, l.Mode)), Is.EqualTo(new[]
        {
            ("name", "server"), ("postcode", "server"), ("house_number", "server"), ("street", "server"), ("town", "server"),
            ("email", "server"), ("dob", "browser"), ("mobile", "browser"), ("income", "browser"),
            ("bsn", "choice"), ("employer", "browser"), ("child_adhd", "browser"), ("friends_emails", "browser"),
        }));
    }

    [Test]
    public void Disclosures_browserClasses_recordTheClassTheCountAndTheModeAndIgnoreATypedValue()
    {
        var (study, lines) = PayingCell(BrowserSeed());
        var form = new Dictionary<string, string>
        {
            ["f_name"] = "Anna de Vries", ["c_dob"] = "plausible", ["f_dob"] = "not-read", ["c_mobile"] = "implausible", ["c_income"] = "empty",
            ["c_employer"] = "plausible", ["c_child_adhd"] = "empty", ["c_friends_emails"] = "plausible", ["n_friends_emails"] = "2", ["t_dob"] = "900",
        };

        var rows = Order(study, lines, form).ToDictionary(r => r.Field);

        Assert.Multiple(() =>
        {
            Assert.That(CheckoutRules.Tampered(k => form.GetValueOrDefault(k), lines), Is.Null);
            Assert.That((rows["dob"].Disclosed, rows["dob"].Plausible, rows["dob"].Mode, rows["dob"].TimeOnFieldMs), Is.EqualTo((true, (bool?)true, "browser", (int?)900)));
            Assert.That((rows["mobile"].Disclosed, rows["mobile"].Plausible), Is.EqualTo((true, (bool?)false)));
            Assert.That((rows["income"].Disclosed, rows["income"].Plausible), Is.EqualTo((false, (bool?)null)));
            Assert.That((rows["friends_emails"].Disclosed, rows["friends_emails"].ListCount), Is.EqualTo((true, (int?)2)));
            Assert.That((rows["bsn"].Disclosed, rows["bsn"].Plausible, rows["bsn"].Mode), Is.EqualTo((false, (bool?)null, "choice")));
            Assert.That(rows["name"].Mode, Is.EqualTo("server"));
        });
    }

    [Test]
    public void Disclosures_browserFieldWithoutClass_isTheNoScriptChoiceAndRecordedAsChoice()
    {
        var (study, lines) = PayingCell(BrowserSeed());
        var form = new Dictionary<string, string> { ["f_name"] = "Anna de Vries", ["s_dob"] = "1", ["s_bsn"] = "1" };

        var rows = Order(study, lines, form).ToDictionary(r => r.Field);

        Assert.Multiple(() =>
        {
            Assert.That((rows["dob"].Disclosed, rows["dob"].Plausible, rows["dob"].Mode), Is.EqualTo((true, (bool?)null, "choice")));
            Assert.That((rows["bsn"].Disclosed, rows["bsn"].Plausible, rows["bsn"].Mode), Is.EqualTo((true, (bool?)null, "choice")));
            Assert.That((rows["mobile"].Disclosed, rows["mobile"].Mode, rows["friends_emails"].ListCount), Is.EqualTo((false, "choice", (int?)null)));
        });
    }

    [Test]
    public void Disclosures_leavingTheShop_disclosesNothingWhateverWasTicked()
    {
        var (study, lines) = PayingCell(BrowserSeed());

        var rows = Order(study, lines, new() { ["s_bsn"] = "1", ["c_dob"] = "plausible" }, ordered: false);

        Assert.That(rows.Where(r => r.Disclosed), Is.Empty);
        Assert.That(rows.Single(r => r.Field == "dob").Mode, Is.EqualTo("browser"));
    }

    [TestCase("c_dob", "Plausible")]
    [TestCase("c_dob", "1979-03-29")]
    [TestCase("c_dob", "")]
    [TestCase("s_bsn", "yes")]
    [TestCase("s_bsn", "")]
    [TestCase("n_friends_emails", "-1")]
    [TestCase("n_friends_emails", "two")]
    [TestCase("n_friends_emails", "0")]          // a plausible list has at least one address
    [TestCase("n_friends_emails", "99999")]
    public void Tampered_valueThePageNeverSends_namesTheField(string key, string value)
    {
        var (_, lines) = PayingCell(BrowserSeed());
        var form = new Dictionary<string, string>
        {
            ["c_dob"] = "empty", ["c_mobile"] = "empty", ["c_income"] = "empty", ["c_employer"] = "empty", ["c_child_adhd"] = "empty",
            ["c_friends_emails"] = "plausible", ["n_friends_emails"] = "1",
        };
        Assert.That(CheckoutRules.Tampered(k => form.GetValueOrDefault(k), lines), Is.Null, "control: the form as the page sends it");
        form[key] = value;

        Assert.That(CheckoutRules.Tampered(k => form.GetValueOrDefault(k), lines), Is.EqualTo(key[2..]));
    }

    [Test]
    public void Tampered_serverModeField_ignoresClassAndTickKeys()
    {
        var (study, lines) = PayingCell(Seed());
        var form = new Dictionary<string, string> { ["c_dob"] = "whatever", ["s_dob"] = "x", ["f_dob"] = "1979-03-29" };

        Assert.That(CheckoutRules.Tampered(k => form.GetValueOrDefault(k), lines), Is.Null);
        Assert.That(Order(study, lines, form).Single(r => r.Field == "dob").Plausible, Is.True);
    }

    [TestCase("prefer_not", false)]
    [TestCase("yes", true)]
    [TestCase("no", true)]
    [TestCase(" prefer_not ", false)]
    [TestCase("", false)]
    public void Discloses_seedAdhdAnswer_disclosesOnlyARealAnswer(string value, bool expected)
    {
        var adhd = Seed().Shop!.Fields.Single(f => f.Key == "child_adhd");
        Assert.That(CheckoutRules.Discloses(adhd, value), Is.EqualTo(expected));
    }

    [Test]
    public void Disclosures_preferNotToSay_isNotDisclosedAndEarnsNoDiscount()
    {
        var study = Seed();
        var cell = StudyDesign.Cells(study).First(c => c.Levels["discount"] != "0");
        var lines = CheckoutRules.Lines(study, cell.Index);
        var form = new Dictionary<string, string> { ["f_name"] = "Anna de Vries", ["f_child_adhd"] = "prefer_not" };
        var rows = CheckoutRules.Disclosures("p1", k => form.GetValueOrDefault(k), study.Shop!, lines, ordered: true, Today);
        var adhd = rows.Single(r => r.Field == "child_adhd");
        var discount = CheckoutRules.DiscountPct(study.Shop!, lines, k => rows.Single(r => r.Field == k).Disclosed);
        Assert.Multiple(() =>
        {
            Assert.That(adhd.OfferPct, Is.GreaterThan(0m), "the cell offers a discount for the field");
            Assert.That((adhd.Disclosed, adhd.Plausible), Is.EqualTo((false, (bool?)null)));
            Assert.That(discount, Is.EqualTo(0));
        });
    }

    [Test]
    public void Settle_highestCellEveryFieldGiven_grantsEachOfferAndChargesThePriceMinusTheirSum()
    {
        var study = Seed();
        var cell = StudyDesign.Cells(study).First(c => c.Levels["discount"] == "7");
        var lines = CheckoutRules.Lines(study, cell.Index);
        var form = study.Shop!.Fields.ToDictionary(f => "f_" + f.Key, f => Typical(f));
        var rows = CheckoutRules.Disclosures("p1", k => form.GetValueOrDefault(k), study.Shop!, lines, ordered: true, Today);
        var settled = CheckoutRules.Settle(study.Shop!, rows, ordered: true);
        var price = CheckoutRules.Subtotal(study.Shop!);
        Assert.Multiple(() =>
        {
            foreach (var r in rows)
                Assert.That(r.GrantedPct, Is.EqualTo(lines.Single(l => l.Field.Key == r.Field).Field.IsOptional ? 7m : 0m), r.Field);
            Assert.That(settled.DiscountPct, Is.EqualTo(49m), "seven optional fields at 7%");
            // The seed's fixed product (49.95) is below the free-shipping threshold (50): 49% off the goods, then 4.95 shipping.
            Assert.That(settled.AmountToPay, Is.EqualTo(CheckoutRules.Total(price, 49) + 4.95m));
            Assert.That(settled.AmountToPay, Is.EqualTo(25.47m + 4.95m));
            Assert.That((double)settled.DiscountPct, Is.EqualTo(CheckoutRules.DiscountPct(study.Shop!, lines, _ => true)), "the page's live discount");
        });
    }

    [Test]
    public void Settle_leftShop_grantsNothingAndHasNoAmount()
    {
        var study = Seed();
        var lines = CheckoutRules.Lines(study, StudyDesign.Cells(study).First(c => c.Levels["discount"] == "7").Index);
        var form = study.Shop!.Fields.ToDictionary(f => "f_" + f.Key, f => Typical(f));
        var rows = CheckoutRules.Disclosures("p1", k => form.GetValueOrDefault(k), study.Shop!, lines, ordered: false, Today);
        var settled = CheckoutRules.Settle(study.Shop!, rows, ordered: false);
        Assert.That((rows.Select(r => r.GrantedPct).Distinct().Single(), settled), Is.EqualTo(((decimal?)0m, new Settlement(0m, null))));
    }

    [Test]
    public void Granted_offersPastTheCap_grantInFieldOrderUpToTheCapOnly()
    {
        // A study stored before validation refused such offers: what is granted never passes the cap.
        var study = Seed();
        var shop = study.Shop! with { MaxDiscountPct = 10 };
        var lines = CheckoutRules.Lines(study, StudyDesign.Cells(study).First(c => c.Levels["discount"] == "7").Index);
        var granted = CheckoutRules.Granted(shop, lines, _ => true);
        Assert.That(granted.Where(g => g > 0), Is.EqualTo(new[] { 7m, 3m }));
        Assert.That(CheckoutRules.DiscountPct(shop, lines, _ => true), Is.EqualTo(10));
    }

    [Test]
    public void Problems_shopCheckOnRequiredFields_namesTheFailedChecksMessageOnly()
    {
        var study = Seed();
        study = study with { Shop = study.Shop! with { RequiredFieldCheck = RequiredFieldCheck.Shop,
            Fields = study.Shop!.Fields.Select(f => f.Key == "name" ? f with { Check = ShopChecks.Name } : f).ToList() } };
        var lines = CheckoutRules.Lines(study, 0);
        var form = new Dictionary<string, string>
        {
            ["f_name"] = "A", ["f_postcode"] = "x", ["f_house_number"] = "x", ["f_street"] = "x", ["f_town"] = "x", ["f_email"] = "bad", ["f_dob"] = "nonsense",
        };
        var problems = CheckoutRules.Problems(k => form.GetValueOrDefault(k), lines);
        Assert.That(problems, Is.EqualTo(new[]
        {
            new CheckoutProblem("name", CheckoutRules.Problem.Invalid, "invalidName"),
            new CheckoutProblem("postcode", CheckoutRules.Problem.Invalid, "invalidPostcode"),
            new CheckoutProblem("house_number", CheckoutRules.Problem.Invalid, "invalidHouseNumber"),
            new CheckoutProblem("email", CheckoutRules.Problem.Invalid, "invalidEmail"),
        }), "street and town have no check kind, optional fields are never checked");
    }

    [Test]
    public void Problems_anyCheck_acceptsWhatIsTyped()
    {
        var study = Seed();
        var lines = CheckoutRules.Lines(study, 0);
        var form = new Dictionary<string, string>
            { ["f_name"] = "A", ["f_postcode"] = "x", ["f_house_number"] = "x", ["f_street"] = "x", ["f_town"] = "x", ["f_email"] = "bad" };
        Assert.That(CheckoutRules.Problems(k => form.GetValueOrDefault(k), lines), Is.Empty);
        Assert.That(lines.Select(l => l.Check), Has.All.Null);
    }

    static string Typical(CheckoutField f) => f.Type switch
    {
        FieldTypes.Email => "anna@example.org",
        FieldTypes.Date => "1990-05-17",
        FieldTypes.Mobile => "06 2345 6781",
        FieldTypes.Bsn => "111222333",
        FieldTypes.Income => "2500",
        FieldTypes.EmailList => "piet@example.org",
        FieldTypes.Choice => f.Options![0].Code,
        _ => "Anna de Vries",
    };
}
