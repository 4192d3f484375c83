using System.CommandLine;
using Analysis.Planning;
using Experiment.Engine.Studies;

namespace Analysis;

/// <summary>
/// <c>plan --study FILE [assumptions] [--format md|html] [--out FILE]</c>: the power of the study's planned tests by
/// simulation from stated assumptions, and the N per cell for a wanted power, as a pre-registration section carrying
/// the study's content hash. A broken study file prints its problems and exits 1.
/// </summary>
public static class PlanCommands
{
    public static Command Create()
    {
        var defaults = new PlanAssumptions();
        var study = new Option<FileInfo>("--study") { Description = "The study file (.json)", Required = true };
        var n = new Option<int?>("--n-per-cell") { Description = "Planned participants per cell (default: the study's targetPerCell, else 80)" };
        var stated = Number("--stated", defaults.Stated, "P(stated willing) per paired field");
        var paradox = Number("--paradox", defaults.Paradox, "P(disclose | said no) at 0% discount: the paradox rate");
        var consistency = Number("--consistency", defaults.Consistency, "P(disclose | said yes) at 0% discount");
        var oddsRatio = Number("--discount-or", defaults.DiscountOddsRatio, "Odds ratio of disclosure per discount percentage point");
        var sd = Number("--participant-sd", defaults.ParticipantSd, "SD of the participant random intercept (logit scale)");
        var alpha = Number("--alpha", defaults.Alpha, "Significance level");
        var power = Number("--power", defaults.Power, "Wanted power for the N per cell");
        var simulations = new Option<int>("--simulations") { Description = "Simulated studies per estimate", DefaultValueFactory = _ => defaults.Simulations };
        var seed = new Option<int>("--seed") { Description = "Random seed (same inputs, same plan)", DefaultValueFactory = _ => defaults.Seed };
        var format = new Option<string>("--format") { Description = "md (default) or html", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "html");
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the plan to this file instead of standard output" };

        var plan = new Command("plan", "Power and sample size of a study's planned tests, written as a pre-registration section.");
        foreach (var o in new Option[] { study, n, stated, paradox, consistency, oddsRatio, sd, alpha, power, simulations, seed, format, output })
            plan.Options.Add(o);
        // Checked in the action: a validator does not see the options' default values.
        static IEnumerable<string> Problems(ParseResult r, Option<double> stated, Option<double> paradox, Option<double> consistency,
            Option<double> alpha, Option<double> power, Option<double> oddsRatio, Option<double> sd, Option<int?> n, Option<int> simulations)
        {
            foreach (var (o, lo, hi) in new[] { (stated, 0.0, 1.0), (paradox, 0.0, 1.0), (consistency, 0.0, 1.0), (alpha, 0.0, 0.5), (power, 0.0, 1.0) })
                if (r.GetValue(o) is var v && !(v > lo && v < hi)) yield return $"{o.Name} must be between {lo} and {hi} (exclusive), got {v}.";
            if (!(r.GetValue(oddsRatio) > 0)) yield return "--discount-or must be above 0.";
            if (!(r.GetValue(sd) >= 0)) yield return "--participant-sd must be 0 or more.";
            if (r.GetValue(n) is < 2 or > 5000) yield return "--n-per-cell must be from 2 to 5000.";
            if (r.GetValue(simulations) is < 100 or > 100_000) yield return "--simulations must be from 100 to 100000.";
        }
        plan.SetAction(async (r, ct) =>
        {
            var problems = Problems(r, stated, paradox, consistency, alpha, power, oddsRatio, sd, n, simulations).ToList();
            foreach (var problem in problems) Console.Error.WriteLine("plan: " + problem);
            if (problems.Count > 0) return 1;
            var path = r.GetValue(study)!.FullName;
            var loaded = StudyFile.Load(path);
            if (!loaded.Ok)
            {
                foreach (var problem in loaded.Problems) Console.Error.WriteLine(problem);
                return 1;
            }
            var assumptions = new PlanAssumptions(r.GetValue(n) ?? loaded.Study!.TargetPerCell ?? defaults.NPerCell,
                r.GetValue(stated), r.GetValue(paradox), r.GetValue(consistency), r.GetValue(oddsRatio), r.GetValue(sd),
                r.GetValue(alpha), r.GetValue(power), r.GetValue(simulations), r.GetValue(seed));
            var progress = new Progress<string>(line => Console.Error.WriteLine(line));
            var result = Plan.Make(PlanDesign.Of(loaded.Study!, loaded.ContentHash!), assumptions, progress);
            var text = r.GetValue(format) == "html" ? PlanReport.Html(result) : PlanReport.Markdown(result);
            if (r.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, new System.Text.UTF8Encoding(false), ct);
                Console.Error.WriteLine($"plan written to {file.FullName}");
            }
            else await Console.Out.WriteAsync(text);
            return 0;
        });
        return plan;
    }

    static Option<double> Number(string name, double value, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => value };
}
