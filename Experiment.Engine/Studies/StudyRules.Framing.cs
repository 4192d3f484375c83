namespace Experiment.Engine.Studies;

// The rules of a framed checkout field, requiredIn (docs/study-format.md, "Framing: required in some cells").
static partial class StudyRules
{
    static void CheckFraming(StudyDefinition s, Shop shop, Action<string, string> report)
    {
        var cells = StudyDesign.Cells(s);
        for (var i = 0; i < shop.Fields.Count; i++)
        {
            var f = shop.Fields[i];
            if (f.RequiredIn is not { } keys) continue;
            var path = $"shop.fields[{i}].requiredIn";
            if (!f.IsOptional)
            {
                report(path, "the field is required in every cell already (\"necessity\": \"required\"); requiredIn makes an optional field required in some cells");
                continue;
            }
            if (keys.Count == 0)
            {
                report(path, "list at least one offer key, like \"framing=required\"; without one the field is optional everywhere");
                continue;
            }
            var valid = true;
            for (var j = 0; j < keys.Count; j++)
            {
                if (OfferKeyProblem(s, keys[j]) is { } problem) { report($"{path}[{j}]", problem); valid = false; }
                else if (!cells.Any(c => StudyDesign.OfferKeyMatches(keys[j], c))) { report($"{path}[{j}]", $"{Q(keys[j])} matches no cell of the study"); valid = false; }
            }
            if (!valid) continue;
            var required = cells.Where(c => Framing.FieldFraming.RequiredInCell(f, c)).ToList();
            if (required.Count == cells.Count)
            {
                report(path, "makes the field required in every cell; say \"necessity\": \"required\" instead, or leave a cell in which it is optional");
                continue;
            }
            // A required field is typed and earns nothing (CheckoutRules.Granted): an offer there would be shown and not given.
            foreach (var cell in required.Where(c => StudyDesign.OfferFor(f, c) > 0))
            {
                report($"shop.fields[{i}].offers", $"offers {N(StudyDesign.OfferFor(f, cell))}% in cell {Q(cell.Arm)}, where requiredIn makes the field required; " +
                    "a required field earns no discount, so the offer shown would not be given");
                break;
            }
            // Required, the field is typed (server); optional in another mode it would be measured differently per cell.
            if (shop.ModeOf(f) is var mode && mode != DisclosureModes.Server)
                report(path, $"the field's disclosure mode is {Q(mode)}, but where it is required it is typed; a framed field must be typed in every cell " +
                    "(\"disclosureMode\": \"server\") so that its disclosure is measured alike in all of them");
        }
    }
}
