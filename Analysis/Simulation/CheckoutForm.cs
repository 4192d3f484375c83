using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;

namespace Analysis.Simulation;

/// <summary>
/// What a participant's browser sends for one optional or required checkout field, by its disclosure mode: in
/// server mode the typed value; in browser mode only what checkout.js sends (the class, and for an e-mail list the
/// count), computed by the engine's rule that checkout.js is tested against; in choice mode the tick, when the
/// participant shares. The HTTP bots and the direct simulator both fill their forms with it.
/// </summary>
public static class CheckoutForm
{
    public static IEnumerable<KeyValuePair<string, string>> Submitted(CheckoutField field, string mode, bool shares, string typed, DateOnly today)
    {
        switch (mode)
        {
            case DisclosureModes.Choice:
                if (shares) yield return new(CheckoutRules.ShareKey(field.Key), CheckoutRules.Share);
                break;
            case DisclosureModes.Browser:
                yield return new(CheckoutRules.ClassKey(field.Key), CheckoutRules.ClassOf(field, typed, today));
                if (field.Type == FieldTypes.EmailList)
                    yield return new(CheckoutRules.CountKey(field.Key),
                        (DisclosureClassifier.Classify(field, typed, today).ListCount ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                yield return new("f_" + field.Key, typed);
                break;
        }
    }
}
