using System.Security.Cryptography;
using System.Text.Json;

namespace Experiment.Engine.Studies;

/// <summary>One thing wrong with a study file: where (a path like <c>shop.fields[3].pairedItem</c>) and what.</summary>
public sealed record StudyProblem(string File, string Path, string Message)
{
    public override string ToString() => $"{File}: {Path}: {Message}";
}

/// <summary>Study is null when there is any problem. ContentHash identifies the content, see <see cref="StudyFile.ContentHash"/>.</summary>
public sealed record StudyLoadResult(StudyDefinition? Study, IReadOnlyList<StudyProblem> Problems, string? ContentHash)
{
    public bool Ok => Study is not null && Problems.Count == 0;
}

/// <summary>
/// Reading study files: JSON with comments and trailing commas allowed. Every problem is reported at once, each
/// with the file and a path inside it, so a researcher can fix a file in one pass.
/// </summary>
public static class StudyFile
{
    /// <summary>StudyStore.Json, plus what a hand-written file may contain.</summary>
    static readonly JsonSerializerOptions ReadOptions = new(StudyStore.Json)
    {
        ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    };

    static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static StudyLoadResult Load(string path)
    {
        string json;
        try { json = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new(null, [new(path, "$", "cannot read the file: " + e.Message)], null);
        }
        return Parse(json, path);
    }

    public static StudyLoadResult Parse(string json, string fileName)
    {
        var problems = new List<StudyProblem>();
        void Report(string path, string message) => problems.Add(new(fileName, path, message));

        if (string.IsNullOrWhiteSpace(json))
        {
            Report("$", "the file is empty");
            return new(null, problems, null);
        }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, DocumentOptions); }
        catch (JsonException e)
        {
            Report("$", $"malformed JSON at line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: {Reason(e)}");
            return new(null, problems, null);
        }

        StudyDefinition? study = null;
        using (doc)
        {
            StudyShape.Check(doc.RootElement, Report);
            try { study = doc.RootElement.Deserialize<StudyDefinition>(ReadOptions); }
            catch (JsonException e)
            {
                // The shape check has explained anything that can make this fail; say something if it has not.
                if (problems.Count == 0) Report(e.Path ?? "$", Reason(e));
            }
        }
        if (study is not null) StudyRules.Check(study, Report);
        return problems.Count == 0 && study is not null
            ? new(study, problems, ContentHash(study))
            : new(null, problems, null);
    }

    /// <summary>The exception's own sentence without its position suffix (the position is reported separately).</summary>
    static string Reason(JsonException e)
    {
        var m = e.Message;
        foreach (var cut in new[] { " LineNumber:", " Path:" })
            if (m.IndexOf(cut, StringComparison.Ordinal) is var i and > 0) m = m[..i];
        return m.Trim();
    }

    /// <summary>
    /// SHA-256 (lower-case hex) of the definition as the engine stores it, so comments, white space, omitted
    /// defaults and key order in the file do not change it, while any change of meaning does.
    /// </summary>
    public static string ContentHash(StudyDefinition study)
    {
        using var doc = JsonSerializer.SerializeToDocument(study, StudyStore.Json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) WriteSorted(doc.RootElement, writer);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>Dictionaries (texts, offers, labels) keep the file's key order; sorting makes that order irrelevant.</summary>
    static void WriteSorted(JsonElement e, Utf8JsonWriter w)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    w.WritePropertyName(p.Name);
                    WriteSorted(p.Value, w);
                }
                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var x in e.EnumerateArray()) WriteSorted(x, w);
                w.WriteEndArray();
                break;
            default:
                e.WriteTo(w);
                break;
        }
    }
}
