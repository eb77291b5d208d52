namespace Placement.Core.Pricing;

/// <summary>What a managed service bills per.</summary>
public enum ServiceUnit
{
    /// <summary>One minute of video (<c>video-minute</c>).</summary>
    VideoMinute,

    /// <summary>One minute of audio (<c>audio-minute</c>).</summary>
    AudioMinute,

    /// <summary>One image (<c>image</c>).</summary>
    Image,

    /// <summary>One request (<c>request</c>).</summary>
    Request,
}

/// <summary>File words for <see cref="ServiceUnit"/>.</summary>
public static class ServiceUnits
{
    private static readonly Dictionary<string, ServiceUnit> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["video-minute"] = ServiceUnit.VideoMinute,
        ["audio-minute"] = ServiceUnit.AudioMinute,
        ["image"] = ServiceUnit.Image,
        ["request"] = ServiceUnit.Request,
    };

    /// <summary>Parses <c>video-minute</c>, <c>audio-minute</c>, <c>image</c> or <c>request</c>.</summary>
    public static bool TryParse(string? text, out ServiceUnit unit) => Words.TryGetValue(text?.Trim() ?? "", out unit);

    /// <summary>The file word for a unit.</summary>
    public static string Word(this ServiceUnit unit) => Words.First(p => p.Value == unit).Key;

    /// <summary>All file words, for hints.</summary>
    public static string AllWords => string.Join(", ", Words.Keys);
}
