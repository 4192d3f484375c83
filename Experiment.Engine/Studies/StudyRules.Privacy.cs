namespace Experiment.Engine.Studies;

// The rules of the shop's privacy statement (docs/study-format.md, "The shop's privacy statement").
static partial class StudyRules
{
    static void CheckPrivacyStatement(StudyDefinition s, Shop shop, Action<string, string> report)
    {
        if (shop.PrivacyStatement is not { } statement) return;
        if (statement.RequireScroll is not { } keys) return;
        const string path = "shop.privacyStatement.requireScroll";
        if (keys.Count == 0)
        {
            report(path, "list at least one offer key, like \"notice=salient\"; without one no cell must scroll past the statement");
            return;
        }
        var cells = StudyDesign.Cells(s);
        for (var j = 0; j < keys.Count; j++)
        {
            if (OfferKeyProblem(s, keys[j]) is { } problem) report($"{path}[{j}]", problem);
            else if (!cells.Any(c => StudyDesign.OfferKeyMatches(keys[j], c))) report($"{path}[{j}]", $"{Q(keys[j])} matches no cell of the study");
        }
    }
}
