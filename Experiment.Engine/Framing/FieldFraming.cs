using Experiment.Engine.Studies;

namespace Experiment.Engine.Framing;

/// <summary>
/// The mandatory-versus-optional framing paradigm (Preibusch, Krol &amp; Beresford 2013; docs/paradigms/framing.md):
/// an optional checkout field with <c>requiredIn</c> (offer keys) is required in the cells those keys match and
/// optional elsewhere. In a cell where it is required it is what any required field is: marked with an asterisk,
/// refused when blank, typed (server mode), without an offer. Everything downstream (the page, the checks, the
/// discount, the bots) reads the field as <see cref="In"/> frames it for the participant's cell.
/// </summary>
public static class FieldFraming
{
    public const string Required = "required", Optional = "optional";

    /// <summary>Does the field change between required and optional across cells?</summary>
    public static bool IsFramed(CheckoutField field) => field.RequiredIn is { Count: > 0 };

    /// <summary>Does the study frame any field (and so get the framing export columns and report section)?</summary>
    public static bool Has(StudyDefinition study) => study.Shop?.Fields.Any(IsFramed) == true;

    /// <summary>Is the field required in the cell: required in the file, or one of its requiredIn keys matches.</summary>
    public static bool RequiredInCell(CheckoutField field, Cell cell) =>
        !field.IsOptional || field.RequiredIn?.Any(k => StudyDesign.OfferKeyMatches(k, cell)) == true;

    /// <summary>"required" or "optional": the field's necessity as the participant's cell shows it.</summary>
    public static string NecessityIn(CheckoutField field, Cell cell) => RequiredInCell(field, cell) ? Required : Optional;

    /// <summary>The field as the cell shows it: a framed field required there becomes a required field.</summary>
    public static CheckoutField In(CheckoutField field, Cell cell) =>
        field.IsOptional && RequiredInCell(field, cell) ? field with { Necessity = Required } : field;
}
