namespace Placement.Execution.Storage;

/// <summary>
/// Object keys: relative, '/'-separated, at most 1,024 characters, no empty, <c>.</c> or <c>..</c> segment,
/// no backslash, colon or control character. Every backend checks keys with <see cref="Check"/>, so a key can
/// never name anything outside its bucket (the local backend also refuses symbolic links, see
/// <see cref="LocalFolderBackend"/>).
/// </summary>
public static class StorageKey
{
    /// <summary>Maximum key length in characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>Why a key is refused, or null when it is fine.</summary>
    public static string? Problem(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "the key is empty";
        }

        if (key.Length > MaxLength)
        {
            return $"the key is longer than {MaxLength} characters";
        }

        if (key[0] == '/' || key.Contains('\\', StringComparison.Ordinal) || key.Contains(':', StringComparison.Ordinal))
        {
            return $"the key '{key}' is absolute or holds '\\' or ':'";
        }

        if (key.Any(char.IsControl))
        {
            return "the key holds a control character";
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                return $"the key '{key}' has an empty, '.' or '..' segment";
            }
        }

        return null;
    }

    /// <summary>Returns the key, or throws <see cref="ArgumentException"/> saying why it is refused.</summary>
    public static string Check(string key) =>
        Problem(key) is { } why ? throw new ArgumentException($"Refused object key: {why}.", nameof(key)) : key;

    /// <summary>The key of a data item of a scenario: <c>SCENARIO/ITEM</c> (stable across runs, so the cache can find it).</summary>
    public static string ForItem(string scenario, string item) => Check($"{Segment(scenario)}/{Segment(item)}");

    private static string Segment(string s)
    {
        var chars = s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var text = new string(chars);
        return text is "." or ".." ? "_" + text : text;
    }
}
