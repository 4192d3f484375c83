using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Experiment.Engine.Studies;

/// <summary>Reading study files: parse, validate, hash.</summary>
public static partial class StudyFile
{
    /// <summary>
    /// SHA-256 (lower-case hex) of the definition as the engine stores it, so comments, white space and key order
    /// in the file do not change it, while any change of meaning does.
    /// </summary>
    public static string ContentHash(StudyDefinition study) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(study, StudyStore.Json))));
}
