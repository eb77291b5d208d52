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

    /// <summary>
    /// The key of a dataset of a scenario: <c>SCENARIO/ITEM</c> (an input, the same for every run). Node outputs of
    /// journals before schema version 2 also used it.
    /// </summary>
    public static string ForItem(string scenario, string item) => Check($"{Segment(scenario)}/{Segment(item)}");

    /// <summary>
    /// The key of a node output committed by a run: <c>SCENARIO/runs/RUN_ID/ITEM</c>. Run-scoped, so no run can
    /// overwrite another run's committed output (the cache points later runs at it instead of copying).
    /// </summary>
    public static string ForRunOutput(string scenario, string runId, string item) => Check($"{Segment(scenario)}/runs/{Segment(runId)}/{Segment(item)}");

    /// <summary>
    /// The key of one part of an output with parts in a bucket it was copied to: <c>KEY.parts/PART</c> beside the
    /// item's key (at the item's home the parts are byte ranges of the one object at <c>KEY</c>, see <see cref="PartIndex"/>).
    /// </summary>
    public static string ForPart(string itemKey, string part) => Check($"{itemKey}.parts/{Segment(part)}");

    /// <summary>The key of the part index of an output with parts at its home: <c>KEY.part-index</c> (JSON, <see cref="PartIndex"/>).</summary>
    public static string ForPartIndex(string itemKey) => Check($"{itemKey}.part-index");

    /// <summary>The file or key segment a part name becomes (characters other than letters, digits, '-', '_', '.' as '_').</summary>
    public static string PartSegment(string part) => Segment(part);

    private static string Segment(string s)
    {
        var chars = s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var text = new string(chars);
        return text is "." or ".." ? "_" + text : text;
    }
}
