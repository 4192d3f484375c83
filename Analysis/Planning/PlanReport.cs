using System.Globalization;
using System.Net;
using System.Text;
using Experiment.Engine.Studies;

namespace Analysis.Planning;

/// <summary>The plan: power at the planned N, the N per cell for the wanted power, and the Connor check.</summary>
public sealed record Plan(
    PlanDesign Design, PlanAssumptions Assumptions, PowerResult AtPlanned, int? NForFields, int? NForDiscount,
    int ConnorPairs, double ConnorP10, double ConnorP01, double ConnorAnalytic, double ConnorSimulated, double HeadlineSimulated)
{
    public static Plan Make(PlanDesign design, PlanAssumptions a, IProgress<string>? progress = null)
    {
        progress?.Report($"simulating {a.Simulations} studies at N = {a.NPerCell} per cell");
        var planned = PowerPlan.Simulate(design, a, a.NPerCell, a.Simulations);
        // The search re-simulates at many N: fewer replications per N, the same seed at each (common random numbers).
        var searchSims = Math.Min(a.Simulations, 400);
        progress?.Report("searching the N per cell for the per-field McNemar tests");
        var nFields = design.Fields.Count == 0 ? null
            : PowerPlan.NPerCellFor(n => PowerPlan.Simulate(design, a, n, searchSims, withDiscount: false).FieldPower.Min(), a.Power);
        progress?.Report("searching the N per cell for the discount effect");
        var nDiscount = planned.DiscountPower is null ? null
            : PowerPlan.NPerCellFor(n => PowerPlan.Simulate(design, a, n, searchSims).DiscountPower!.Value, a.Power);
        // Connor (1987) against simulation of the test his formula describes, for one field at the pooled n where
        // the power is about the wanted one (at the planned n it is often 100% and the check says nothing), with the
        // discordant probabilities the assumptions imply without offer or participant effects.
        double p10 = (1 - a.Stated) * a.Paradox, p01 = a.Stated * (1 - a.Consistency);
        var pairs = Math.Min(McNemarPower.ConnorN(p10, p01, a.Alpha, a.Power), a.NPerCell * design.Cells.Count);
        return new Plan(design, a, planned, nFields, nDiscount, pairs, p10, p01,
            McNemarPower.Connor(pairs, p10, p01, a.Alpha),
            McNemarPower.Simulate(pairs, p10, p01, a.Alpha, McNemarPower.Variant.Uncorrected, a.Simulations * 10, a.Seed),
            McNemarPower.Simulate(pairs, p10, p01, a.Alpha, McNemarPower.Variant.Headline, a.Simulations * 10, a.Seed));
    }
}

/// <summary>The plan written as a pre-registration section, in Markdown or as one self-contained HTML page.</summary>
public static class PlanReport
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>(heading, paragraphs, table rows with a header row first or null).</summary>
    static IEnumerable<(string Heading, string[] Text, string[][]? Table)> Sections(Plan p)
    {
        var s = p.Design.Study;
        var a = p.Assumptions;
        string Pct(double v) => (100 * v).ToString("F1", Inv) + "%";
        string N(int? v) => v?.ToString(Inv) ?? "more than 5000";
        var fields = string.Join(", ", p.Design.Fields);
        var rules = s.Exclusions ?? [];
        yield return ("Study", [
            $"Study `{s.Id}`, version {s.Version}, content hash `{p.Design.ContentHash}` (freeze this plan with that version: any change of the study file changes the hash).",
            $"{p.Design.Cells.Count} between-subject cells ({string.Join("; ", p.Design.Cells)}), {StudyDesign.BlockOrders(s).Count} block order(s) counterbalanced; " +
            $"{p.Design.Fields.Count} checkout fields paired with a stated-willingness item ({fields})."], null);
        yield return ("Hypotheses", [
            "H1 (per paired field): more participants disclose the field than said they would; tested by McNemar on (stated, disclosed) pairs, b = said no but disclosed against c = said yes but withheld.",
            "H2: disclosure rises with the discount offered next to a field (the discount_pct term of the logistic model).",
            "Exploratory, reported whatever the outcome: the other factors of the design, their interaction with the discount, the block order (order effect), concern and sensitivity."], null);
        yield return ("Tests", [
            $"alpha = {a.Alpha.ToString(Inv)}, two-sided.",
            "H1: McNemar per field, exact binomial when b + c < 25, else chi-square with continuity correction; Holm across the paired fields; pooled over all cells and within each arm that changes the offer.",
            "H2: logistic regression of disclosed on discount_pct, concern_z, sensitivity and every declared factor, their interaction and block order, over participant x optional field rows; z, p and the 95% interval from the participant-clustered SE (statsmodels' cluster correction)."], null);
        yield return ("Exclusions (applied in this order, each participant counted under the first that applies)",
            rules.Count == 0 ? ["The study declares no exclusion rules: every consented participant is analysed."]
                : rules.Select((r, i) => $"{i + 1}. {r.Describe()}").ToArray(), null);
        yield return ("Assumptions of the power analysis", [
            $"Simulated from: {a.Simulations} studies per estimate (seed {a.Seed}); P(stated willing) = {a.Stated.ToString(Inv)} per field; " +
            $"P(disclose | said no) = {a.Paradox.ToString(Inv)} (the paradox rate) and P(disclose | said yes) = {a.Consistency.ToString(Inv)} at 0% discount; " +
            $"odds ratio {a.DiscountOddsRatio.ToString(Inv)} per discount percentage point; participant random intercept SD {a.ParticipantSd.ToString(Inv)} (logit scale), " +
            "so a participant's fields are correlated; offers per cell and field as the study file states them."], null);
        yield return ("Power", [
            $"Planned: N = {a.NPerCell} analysed participants per cell (after the exclusions above), {p.AtPlanned.Participants} in all. The N per cell for {Pct(a.Power)} power is found by bisection on simulated power (400 studies per N, common random numbers)."],
            [
                ["Test", $"Power at N = {a.NPerCell} per cell", $"N per cell for {Pct(a.Power)}"],
                ["H1 McNemar, each field (Holm over fields), pooled", p.Design.Fields.Count == 0 ? "n/a" : Pct(p.AtPlanned.FieldPower.Min()) + " (lowest field)", p.Design.Fields.Count == 0 ? "n/a" : N(p.NForFields)],
                ["H1 McNemar, every field significant, pooled", p.Design.Fields.Count == 0 ? "n/a" : Pct(p.AtPlanned.AllFieldsPower), ""],
                ["H1 McNemar per field within the weakest offer arm (Holm within arm)", p.Design.Fields.Count == 0 ? "n/a" : Pct(p.AtPlanned.LowestArmFieldPower), ""],
                ["H2 discount effect (clustered logistic)", p.AtPlanned.DiscountPower is { } d ? Pct(d) : "n/a (no factor changes the offer)", p.AtPlanned.DiscountPower is null ? "n/a" : N(p.NForDiscount)],
            ]);
        yield return ("Check against the analytic McNemar power (Connor 1987)", [
            $"One field with n = {p.ConnorPairs} pairs (Connor's n for {Pct(a.Power)}, at most the planned pooled n) and discordant probabilities p10 = {p.ConnorP10.ToString("0.####", Inv)}, p01 = {p.ConnorP01.ToString("0.####", Inv)} " +
            $"(the assumptions without offer or participant effects): Connor's analytic power {Pct(p.ConnorAnalytic)}; simulated power of the same (uncorrected) test " +
            $"{Pct(p.ConnorSimulated)}; of the report's headline test (exact / continuity-corrected, more conservative) {Pct(p.HeadlineSimulated)}."], null);
    }

    public static string Markdown(Plan p)
    {
        var md = new StringBuilder();
        md.Append("# Pre-registration: ").Append(p.Design.Study.Title.In("en")).Append("\n\n");
        foreach (var (heading, text, table) in Sections(p))
        {
            md.Append("## ").Append(heading).Append("\n\n");
            foreach (var t in text) md.Append(t).Append("\n\n");
            if (table is null) continue;
            md.Append("| ").AppendJoin(" | ", table[0]).Append(" |\n|").AppendJoin("|", table[0].Select((_, i) => i == 0 ? " --- " : " ---: ")).Append("|\n");
            foreach (var row in table.Skip(1)) md.Append("| ").AppendJoin(" | ", row).Append(" |\n");
            md.Append('\n');
        }
        return md.ToString();
    }

    public static string Html(Plan p)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var h = new StringBuilder();
        var title = "Pre-registration: " + p.Design.Study.Title.In("en");
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Append("<title>").Append(E(title)).Append("</title>\n<style>\n")
         .Append("body { font-family: system-ui, sans-serif; line-height: 1.45; max-width: 60rem; margin: 0 auto; padding: 1rem; color: #1d1d1d; }\n")
         .Append("p, td, th { overflow-wrap: anywhere; } .table-wrap { overflow-x: auto; } table { border-collapse: collapse; }\n")
         .Append("th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid #e3e3e3; text-align: right; } th:first-child, td:first-child { text-align: left; }\n")
         .Append("</style>\n</head>\n<body>\n<main>\n<h1>").Append(E(title)).Append("</h1>\n");
        foreach (var (heading, text, table) in Sections(p))
        {
            h.Append("<section>\n<h2>").Append(E(heading)).Append("</h2>\n");
            foreach (var t in text) h.Append("<p>").Append(E(t.Replace("`", ""))).Append("</p>\n");
            if (table is not null)
            {
                h.Append("<div class=\"table-wrap\"><table>\n<thead><tr>");
                foreach (var c in table[0]) h.Append("<th scope=\"col\">").Append(E(c)).Append("</th>");
                h.Append("</tr></thead>\n<tbody>\n");
                foreach (var row in table.Skip(1))
                    h.Append("<tr>").Append(string.Concat(row.Select((c, i) => i == 0 ? $"<th scope=\"row\">{E(c)}</th>" : $"<td>{E(c)}</td>"))).Append("</tr>\n");
                h.Append("</tbody>\n</table></div>\n");
            }
            h.Append("</section>\n");
        }
        return h.Append("</main>\n</body>\n</html>\n").ToString();
    }
}
