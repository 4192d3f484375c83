using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Experiment.Engine.Export.Scripts;

/// <summary>
/// dataset_description.json in the Psych-DS form (a schema.org Dataset): the study's name, id, version and
/// declared license, every column of the data files under variableMeasured (from the codebook rows), and the
/// SHA-256 of each file as written under distribution, so a shared copy can be checked against the export.
/// </summary>
static class PsychDsDescription
{
    public const string FileName = "dataset_description.json";

    /// <summary>The files a shared data set consists of: everything but panel_ids.csv, which is deleted before sharing.</summary>
    public static readonly string[] Described = [.. ScriptInput.DataFiles, "codebook.csv"];

    public static string Write(ScriptInput input)
    {
        var study = input.Layout.Current.Study;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
               {
                   Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            json.WriteStartObject();
            json.WriteString("@context", "https://schema.org/");
            json.WriteString("@type", "Dataset");
            json.WriteString("name", study.Title.TryGetValue(input.Language, out var title) ? title : study.Title.In(input.Language));
            json.WriteString("description",
                $"Export of study {input.Layout.StudyId} from Privacy Paradox Lab (export format version 1): {string.Join(", ", Described)}. " +
                "The panel ids (panel_ids.csv) are not part of it.");
            json.WriteString("identifier", input.Layout.StudyId);
            json.WriteString("version", study.Version.ToString(CultureInfo.InvariantCulture));
            if (study.License is { } license) json.WriteString("license", license);
            json.WriteStartArray("inLanguage");
            foreach (var language in study.Languages) json.WriteStringValue(language);
            json.WriteEndArray();

            json.WriteStartArray("variableMeasured");
            // A column that several files share (participant_id) is one variable.
            foreach (var row in input.Rows.Where(r => ScriptInput.DataFiles.Contains(r.File)).DistinctBy(r => r.Column))
            {
                json.WriteStartObject();
                json.WriteString("@type", "PropertyValue");
                json.WriteString("name", row.Column);
                if (row.VarName != row.Column) json.WriteString("alternateName", row.VarName);
                json.WriteString("description", input.Label(row));
                if (row.ScaleMax is { } max)
                {
                    json.WriteNumber("minValue", row.ScaleMin!.Value);
                    json.WriteNumber("maxValue", max);
                }
                var labelled = input.Labelled(row).ToList();
                if (labelled.Count > 0)
                {
                    json.WriteStartArray("valueReference");
                    foreach (var (code, label) in labelled)
                    {
                        json.WriteStartObject();
                        json.WriteString("@type", "PropertyValue");
                        json.WriteString("value", code);
                        json.WriteString("name", label);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("distribution");
            foreach (var file in Described)
            {
                json.WriteStartObject();
                json.WriteString("@type", "DataDownload");
                json.WriteString("name", file);
                json.WriteString("encodingFormat", "text/csv");
                json.WriteString("sha256", input.Sha256[file]);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
