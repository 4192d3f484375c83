namespace Analysis.Report;

/// <summary>
/// Reads the three files the report needs from an export folder (export-format.md, "What the report reads"),
/// streaming rows into the column arrays of <see cref="ReportData"/>. Anything else in the folder is ignored.
/// </summary>
public static partial class ExportFolderReader
{
    public static ReportData Read(string directory)
    {
        if (!Directory.Exists(directory))
            throw new ReportInputException($"Export folder {directory} does not exist.");
        var codebook = ReadCodebook(directory);
        var participants = ReadParticipants(directory, codebook);
        if (participants.Ids.Count == 0)
            throw new ReportInputException("participants.csv has no participants: there is nothing to report on.");
        var (fields, rows) = ReadDisclosures(directory, participants.Index);
        var info = StudyCsv.Read(directory);

        return new ReportData
        {
            FactorLevelOrder = participants.Factors.Select((f, i) =>
                Design.Ordered(codebook.Levels.GetValueOrDefault("arm_" + f, []), participants.FactorLevels[i])).ToArray(),
            BlockOrders = participants.BlockOrders.ToArray(),
            BlockOrderLevels = Design.Ordered(codebook.Levels.GetValueOrDefault("block_order", []), participants.BlockOrders),
            AttentionPassed = participants.Attention.ToArray(),
            DurationSeconds = participants.Duration.ToArray(),
            BehaviourConsent = participants.BehaviourConsent.ToArray(),
            Pilot = participants.Pilot?.ToArray(),
            Valuation = participants.Valuation,
            TwoShops = participants.TwoShops,
            Listings = participants.Listings,
            FieldLabels = codebook.FieldLabels,
            Info = info,
            Source = $"export folder {directory}",
            StudyId = string.Join(", ", participants.StudyIds),
            ParticipantIds = participants.Ids.ToArray(),
            Arms = participants.Arms.ToArray(),
            ArmFactors = participants.Factors,
            ArmFactorLevels = participants.FactorLevels.Select(l => l.ToArray()).ToArray(),
            Status = participants.Status.ToArray(),
            ReachedCheckout = participants.Checkout.ToArray(),
            Ordered = participants.Ordered.ToArray(),
            ConcernItems = codebook.Concern,
            ConcernValues = participants.Concern.ToArray(),
            Westin = codebook.WestinMidpoints is { } mid ? new WestinItems(mid, participants.Westin.ToArray()) : null,
            Fields = fields,
            Disclosures = rows,
        };
    }

    /// <summary>Levels: the declared values of category columns (arm_&lt;factor&gt;, block_order) in the codebook's order.</summary>
    private sealed record Codebook(ConcernItem[] Concern, double[]? WestinMidpoints, Dictionary<string, string[]> Levels,
        Dictionary<string, IReadOnlyDictionary<string, string>> FieldLabels);

    private static bool IsParticipantsFile(string file) => file is "participants.csv" or "participants";

    private static Codebook ReadCodebook(string directory)
    {
        using var csv = CsvInput.Open(directory, "codebook.csv");
        int file = csv.Require("file"), column = csv.Require("column"), construct = csv.Require("construct"),
            reverse = csv.Require("reverse_coded"), min = csv.Require("scale_min"), max = csv.Require("scale_max");
        int? values = csv.Optional("values"), labelEn = csv.Optional("label_en"), labelNl = csv.Optional("label_nl");
        var levels = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var fieldLabels = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var concern = new List<ConcernItem>();
        var westin = new double[3];
        var westinFound = 0;
        while (csv.Read())
        {
            if (!IsParticipantsFile(csv.Text(file))) continue;
            var key = csv.Text(column);
            if ((key.StartsWith("arm_", StringComparison.Ordinal) || key == "block_order") && values is { } v)
                levels[key] = csv.Text(v).Split('|').Select(code => code.Split('=', 2)[0]).ToArray();
            // A field's label is the part after ': ' of its offer_ column's label ("Discount percent offered next to: Name").
            if (key.StartsWith("offer_", StringComparison.Ordinal))
                fieldLabels[key["offer_".Length..]] = new Dictionary<string, string>
                {
                    ["en"] = labelEn is { } en ? AfterColon(csv.Text(en)) : "",
                    ["nl"] = labelNl is { } nl ? AfterColon(csv.Text(nl)) : "",
                };
            var westinIndex = Array.IndexOf(WestinItems.Keys, key);
            var isConcern = csv.Text(construct).StartsWith("concern", StringComparison.Ordinal);
            if (!isConcern && westinIndex < 0) continue;

            double lo = csv.Number(min), hi = csv.Number(max);
            // Reverse coding and the agree/disagree midpoint both need the scale's bounds.
            if (double.IsNaN(lo)) throw csv.Bad(min, $"the scale minimum of item '{key}'");
            if (double.IsNaN(hi) || hi <= lo) throw csv.Bad(max, $"a scale maximum above scale_min for item '{key}'");
            if (isConcern)
            {
                var rev = csv.Flag(reverse);
                concern.Add(new ConcernItem(key, rev == 1, lo, hi));
            }
            if (westinIndex >= 0 && westin[westinIndex] == 0)
            {
                westin[westinIndex] = (lo + hi) / 2;
                westinFound++;
            }
        }
        return new Codebook(concern.ToArray(), westinFound == 3 ? westin : null, levels, fieldLabels);
    }

    private static string AfterColon(string label) => label.IndexOf(": ", StringComparison.Ordinal) is var i and >= 0 ? label[(i + 2)..].Trim() : "";

    private sealed class ParticipantColumns
    {
        public readonly Dictionary<string, int> Index = new(StringComparer.Ordinal);
        public readonly List<string> Ids = [];
        public readonly List<string> Arms = [];
        public readonly SortedSet<string> StudyIds = new(StringComparer.Ordinal);
        public string[] Factors = [];
        public List<string>[] FactorLevels = [];
        public readonly List<ParticipantStatus> Status = [];
        public readonly List<bool> Checkout = [];
        public readonly List<bool> Ordered = [];
        public readonly List<double> Concern = [];
        public readonly List<double> Westin = [];
        public readonly List<string> BlockOrders = [];
        public readonly List<sbyte> Attention = [];
        public readonly List<double> Duration = [];
        public readonly List<sbyte> BehaviourConsent = [];
        public List<sbyte>? Pilot;
        public ValuationColumns? Valuation;
        public TwoShopsColumns? TwoShops;
        public ListingsColumns? Listings;
    }

    private static ParticipantColumns ReadParticipants(string directory, Codebook codebook)
    {
        using var csv = CsvInput.Open(directory, "participants.csv");
        int id = csv.Require("participant_id"), arm = csv.Require("arm"), status = csv.Require("status"),
            checkout = csv.Require("checkout_outcome");
        var studyId = csv.Optional("study_id");
        int? blockOrder = csv.Optional("block_order"), attention = csv.Optional("attention_passed"),
            duration = csv.Optional("duration_s"), behaviour = csv.Optional("behaviour_consent"), pilot = csv.Optional("pilot");
        var factorColumns = Enumerable.Range(0, csv.Header.Count).Where(i => csv.Header[i].StartsWith("arm_", StringComparison.Ordinal)).ToArray();
        var concern = codebook.Concern.Select(c => csv.Require(c.Key)).ToArray();
        var westin = codebook.WestinMidpoints is null ? [] : WestinItems.Keys.Select(csv.Require).ToArray();
        var p = new ParticipantColumns
        {
            Factors = factorColumns.Select(i => csv.Header[i]["arm_".Length..]).ToArray(),
            FactorLevels = factorColumns.Select(_ => new List<string>()).ToArray(),
            Pilot = pilot is null ? null : [],
        };
        var valuation = ValuationReader.Open(csv);
        var twoShops = TwoShopsReader.Open(csv);
        var listings = ListingsReader.Open(csv);
        // Arm labels repeat on every row: intern them so 100,000 rows hold a handful of strings.
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        string Intern(string s) => pool.TryGetValue(s, out var v) ? v : pool[s] = s;

        while (csv.Read())
        {
            var pid = csv.NonEmpty(id);
            if (!p.Index.TryAdd(pid, p.Ids.Count)) throw csv.Bad(id, "a participant_id not seen before in the file");
            p.Ids.Add(pid);
            p.Arms.Add(Intern(csv.Text(arm)));
            if (studyId is { } s && csv.Text(s).Length > 0 && p.StudyIds.Count < 5) p.StudyIds.Add(Intern(csv.Text(s)));
            for (var f = 0; f < factorColumns.Length; f++) p.FactorLevels[f].Add(Intern(csv.Text(factorColumns[f])));
            p.BlockOrders.Add(blockOrder is { } b ? Intern(csv.Text(b)) : "");
            p.Attention.Add(attention is { } a ? csv.Flag(a) : (sbyte)-1);
            var seconds = duration is { } d ? csv.Number(d, "a number of seconds or empty") : double.NaN;
            if (seconds < 0) throw csv.Bad(duration!.Value, "a number of seconds (0 or more) or empty");
            p.Duration.Add(seconds);
            p.BehaviourConsent.Add(behaviour is { } bc ? csv.Flag(bc) : (sbyte)-1);
            if (pilot is { } pc) p.Pilot!.Add(csv.Flag(pc));
            p.Status.Add(csv.Text(status) switch
            {
                "completed" => ParticipantStatus.Completed,
                "in_progress" => ParticipantStatus.InProgress,
                "abandoned" => ParticipantStatus.Abandoned,
                _ => throw csv.Bad(status, "completed, in_progress or abandoned"),
            });
            p.Checkout.Add(csv.Text(checkout) switch
            {
                "" => false,
                "ordered" or "left_shop" => true,
                _ => throw csv.Bad(checkout, "ordered, left_shop or empty"),
            });
            p.Ordered.Add(csv.Text(checkout) == "ordered");
            for (var j = 0; j < concern.Length; j++)
            {
                var item = codebook.Concern[j];
                var v = Likert(csv, concern[j], item.ScaleMin, item.ScaleMax);
                p.Concern.Add(item.ReverseCoded && !double.IsNaN(v) ? item.ScaleMin + item.ScaleMax - v : v);
            }
            foreach (var column in westin)
                p.Westin.Add(Likert(csv, column, double.NegativeInfinity, double.PositiveInfinity));
            valuation?.Read(csv);
            twoShops?.Read(csv);
            listings?.Read(csv);
        }
        p.Valuation = valuation?.Finish();
        p.TwoShops = twoShops?.Finish();
        p.Listings = listings?.Finish();
        return p;
    }

    private static double Likert(CsvInput csv, int column, double min, double max)
    {
        var expected = double.IsFinite(min) ? $"a number from {min} to {max} or empty" : "a number or empty";
        var v = csv.Number(column, expected);
        return !double.IsNaN(v) && (v < min || v > max) ? throw csv.Bad(column, expected) : v;
    }

    /// <summary>The two-shops columns, read when participants.csv has twoshops_chose_invasive (the study has the block).</summary>
    private sealed class TwoShopsReader(int gap, int position, int choseInvasive, int? choice)
    {
        readonly List<string> gaps = [], positions = [];
        readonly List<sbyte> chose = [];
        readonly List<bool> none = [];

        public static TwoShopsReader? Open(CsvInput csv) => csv.Optional("twoshops_chose_invasive") is { } c
            ? new TwoShopsReader(csv.Require("twoshops_price_gap"), csv.Require("twoshops_invasive_position"), c, csv.Optional("twoshops_choice")) : null;

        public void Read(CsvInput csv)
        {
            var g = csv.Text(gap);
            if (g.Length > 0 && !(csv.Number(gap, "an amount or empty") >= 0)) throw csv.Bad(gap, "an amount (0 or more) or empty");
            gaps.Add(g);
            positions.Add(csv.Text(position) switch { "" => "", "first" => "first", "second" => "second", _ => throw csv.Bad(position, "first, second or empty") });
            chose.Add(csv.Flag(choseInvasive));
            none.Add(choice is { } c && csv.Text(c) == Experiment.Engine.TwoShops.ShopPair.NoPurchase);
        }

        public TwoShopsColumns Finish() => new(gaps.ToArray(), positions.ToArray(), chose.ToArray(), none.ToArray());
    }

    /// <summary>The valuation columns, read when participants.csv has valuation_frame (the study has the block).</summary>
    private sealed class ValuationReader(int frame, int value, int censored, int consistent)
    {
        readonly List<string> frames = [], censoredAt = [];
        readonly List<double> values = [];
        readonly List<sbyte> consistentFlags = [];

        public static ValuationReader? Open(CsvInput csv) => csv.Optional("valuation_frame") is { } f
            ? new ValuationReader(f, csv.Require("valuation_value"), csv.Require("valuation_censored"), csv.Require("valuation_consistent")) : null;

        public void Read(CsvInput csv)
        {
            frames.Add(csv.Text(frame) switch { "" => "", "wta" => "wta", "wtp" => "wtp", _ => throw csv.Bad(frame, "wta, wtp or empty") });
            var flag = csv.Flag(consistent);
            var v = csv.Number(value, "an amount or empty");
            if (flag == 1 && double.IsNaN(v)) throw csv.Bad(value, "the implied valuation of a consistent price list");
            values.Add(v);
            censoredAt.Add(csv.Text(censored) switch { "" => "", "below" => "below", "above" => "above", _ => throw csv.Bad(censored, "below, above or empty") });
            consistentFlags.Add(flag);
        }

        public ValuationColumns Finish() => new(frames.ToArray(), values.ToArray(), censoredAt.ToArray(), consistentFlags.ToArray());
    }

    private static (string[] Fields, DisclosureObservation[] Rows) ReadDisclosures(string directory, Dictionary<string, int> participants)
    {
        using var csv = CsvInput.Open(directory, "disclosures.csv");
        // disclosure_mode came later (issue #14): an export without it was measured on the server throughout.
        var mode = csv.Optional("disclosure_mode");
        int id = csv.Require("participant_id"), field = csv.Require("field"), necessity = csv.Require("necessity"),
            sensitivity = csv.Require("sensitivity"), offer = csv.Require("offer_pct"),
            stated = csv.Require("stated_willing"), disclosed = csv.Require("disclosed"), plausible = csv.Require("plausible");
        var fieldIndex = new Dictionary<string, short>(StringComparer.Ordinal);
        var fields = new List<string>();
        var rows = new List<DisclosureObservation>(participants.Count * 8);
        while (csv.Read())
        {
            if (!participants.TryGetValue(csv.NonEmpty(id), out var pi))
                throw csv.Bad(id, "a participant_id that is in participants.csv");
            var name = csv.NonEmpty(field);
            if (!fieldIndex.TryGetValue(name, out var fi))
            {
                if (fields.Count == short.MaxValue) throw csv.Bad(field, $"at most {short.MaxValue} distinct fields");
                fi = (short)fields.Count;
                fieldIndex[name] = fi;
                fields.Add(name);
            }
            var measured = (mode is { } mc ? csv.Text(mc) : "server") switch
            {
                "server" => DisclosureMode.Server,
                "browser" => DisclosureMode.Browser,
                "choice" => DisclosureMode.Choice,
                _ => throw csv.Bad(mode!.Value, "server, browser or choice"),
            };
            var optional = csv.Text(necessity) switch
            {
                "optional" => true,
                "required" => false,
                _ => throw csv.Bad(necessity, "required or optional"),
            };
            var sens = csv.Number(sensitivity, "a sensitivity rating from 1 to 5 or empty");
            if (!double.IsNaN(sens) && (sens < 1 || sens > 5 || sens != Math.Floor(sens)))
                throw csv.Bad(sensitivity, "a sensitivity rating from 1 to 5 or empty");
            var pct = csv.Number(offer, "a discount percent or empty");
            if (pct < 0 || pct > 100) throw csv.Bad(offer, "a discount percent from 0 to 100");
            rows.Add(new DisclosureObservation(pi, fi, optional, double.IsNaN(sens) ? (sbyte)-1 : (sbyte)sens, pct,
                csv.Flag(stated), csv.Flag(disclosed), csv.Flag(plausible), measured));
        }
        return (fields.ToArray(), rows.ToArray());
    }
}
