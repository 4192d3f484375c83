using System.Text;

namespace Experiment.Engine.Export.Scripts;

/// <summary>
/// Variable names that R, SPSS/PSPP and Stata all accept, one per column of a file. Most columns keep their name;
/// a name changes only where some tool would reject it: longer than Stata's 32 characters (SPSS allows 64 bytes),
/// not starting with a letter, characters other than ASCII letters, digits and _, or a reserved word of any of
/// the three. The new names are listed in the codebook's var_name column, so nothing is renamed silently.
/// </summary>
static class ToolNames
{
    /// <summary>Stata's limit, the strictest of the three (SPSS: 64 bytes, R: none).</summary>
    public const int MaxLength = 32;

    /// <summary>Reserved in SPSS, Stata or R, compared ignoring case (SPSS ignores case in names).</summary>
    static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        // SPSS
        "all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with",
        // Stata (str1 ... str2045 are handled below)
        "byte", "double", "float", "if", "in", "int", "long", "strl", "using",
        // R
        "else", "repeat", "while", "function", "for", "next", "break", "true", "false", "null", "inf", "nan", "na",
        "na_integer_", "na_real_", "na_character_", "na_complex_",
    };

    /// <summary>
    /// Maps the columns of one file, in order. Names that need no change are kept first, so a changed name never
    /// takes one that a column already has; a changed name that would collide gets _2, _3, ... (cut to fit), in
    /// column order, so the same columns always give the same names. Names are unique ignoring case.
    /// </summary>
    public static IReadOnlyList<string> Map(IReadOnlyList<string> columns)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new string?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
            if (IsValid(columns[i]) && taken.Add(columns[i])) result[i] = columns[i];
        for (var i = 0; i < columns.Count; i++)
        {
            if (result[i] is not null) continue;
            var stem = Clean(columns[i]);
            var name = stem;
            for (var n = 2; !taken.Add(name); n++)
            {
                var suffix = "_" + n;
                name = stem[..Math.Min(stem.Length, MaxLength - suffix.Length)] + suffix;
            }
            result[i] = name;
        }
        return result!;
    }

    public static bool IsValid(string name) =>
        name.Length is > 0 and <= MaxLength && IsAsciiLetter(name[0]) && name.All(c => IsAsciiLetter(c) || char.IsAsciiDigit(c) || c == '_')
        && !IsReserved(name) && !name.EndsWith('_');

    static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    static bool IsReserved(string name) =>
        Reserved.Contains(name)
        // Stata reserves str# for every string width.
        || (name.Length > 3 && name.StartsWith("str", StringComparison.OrdinalIgnoreCase) && name[3..].All(char.IsAsciiDigit));

    /// <summary>The nearest valid name: other characters become _ (one for a run), a letter goes first, reserved words get _v.</summary>
    static string Clean(string column)
    {
        var b = new StringBuilder();
        // Keys of a study are ASCII already (StudyRules); anything else is only guarded against here.
        foreach (var c in column)
        {
            if (IsAsciiLetter(c) || char.IsAsciiDigit(c)) b.Append(c);
            else if (b.Length == 0 || b[^1] != '_') b.Append('_');
        }
        var name = b.ToString().Trim('_');
        if (name.Length == 0) name = "v";
        else if (!IsAsciiLetter(name[0])) name = "v_" + name;
        if (name.Length > MaxLength) name = name[..MaxLength].TrimEnd('_');
        // SPSS avoids names ending in _ (its procedures' own variables), so the marker goes after a letter.
        if (IsReserved(name)) name = name[..Math.Min(name.Length, MaxLength - 2)] + "_v";
        return name;
    }
}
