using CsvHelper;

namespace TestSupport;

/// <summary>Reads exported files back with CsvHelper, the way an analyst's script would.</summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)
{
    public static CsvTable Read(string path)
    {
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',' });
        var rows = new List<IReadOnlyDictionary<string, string>>();
        IReadOnlyList<string> header = [];
        while (reader.Read())
        {
            header = reader.Headers.ToList();
            var fields = reader.Current.ToArray();
            if (fields.Length != header.Count) throw new InvalidDataException($"{Path.GetFileName(path)} row {reader.RowNumber} has {fields.Length} fields, header {header.Count}");
            rows.Add(header.Select((h, i) => (h, fields[i])).ToDictionary(x => x.h, x => x.Item2));
        }
        if (rows.Count == 0)
        {
            reader.ReadHeader();
            header = reader.Headers.ToList();
        }
        return new CsvTable(header, rows);
    }

    public IReadOnlyDictionary<string, string> Row(string participantId) => Rows.Single(r => r["participant_id"] == participantId);
}
