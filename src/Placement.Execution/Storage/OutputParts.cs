using System.Security.Cryptography;
using Placement.Core.Model;

namespace Placement.Execution.Storage;

/// <summary>
/// Turns what a handler wrote for a node whose output has parts into the one object stored at its home, the parts
/// concatenated in declared order, and their byte ranges (<see cref="PartRange"/>, for the <see cref="PartIndex"/>).
/// Either every declared part is a file in the parts folder (named <see cref="StorageKey.PartSegment"/>; any sizes),
/// or the output file holds exactly the declared total and is split at the declared sizes.
/// </summary>
public static class OutputParts
{
    /// <summary>Builds <paramref name="outputPath"/> from the part files (or splits it) and returns the ranges; throws naming what is missing.</summary>
    public static async Task<IReadOnlyList<PartRange>> AssembleAsync(WorkflowNode node, string partsFolder, string outputPath, CancellationToken cancel)
    {
        var files = node.Parts.Select(p => (Part: p, Path: Path.Combine(partsFolder, StorageKey.PartSegment(p.Name)))).ToList();
        var missing = files.Where(f => !File.Exists(f.Path)).Select(f => f.Part.Name).ToList();
        var ranges = new List<PartRange>();
        if (missing.Count == 0)
        {
            await using var output = new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            foreach (var (part, path) in files)
            {
                await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                var start = output.Position;
                var sha = await CopyHashedAsync(source, output, long.MaxValue, cancel).ConfigureAwait(false);
                ranges.Add(new PartRange(part.Name, start, output.Position - start, sha));
            }

            return ranges;
        }

        var declared = node.Parts.Sum(p => p.Bytes);
        if (missing.Count == files.Count && File.Exists(outputPath) && new FileInfo(outputPath).Length == declared)
        {
            await using var whole = new FileStream(outputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            foreach (var part in node.Parts)
            {
                var start = whole.Position;
                var sha = await CopyHashedAsync(whole, Stream.Null, part.Bytes, cancel).ConfigureAwait(false);
                ranges.Add(new PartRange(part.Name, start, part.Bytes, sha));
            }

            return ranges;
        }

        throw new InvalidOperationException(
            $"node {node.Name} has parts: write each part to $PLACEMENT_OUTPUT_PARTS/PART (missing: {string.Join(", ", missing)}), or exactly {declared} bytes to $PLACEMENT_OUTPUT to split at the declared sizes");
    }

    private static async Task<string> CopyHashedAsync(Stream source, Stream target, long limit, CancellationToken cancel)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        for (var left = limit; left > 0;)
        {
            var n = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancel).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            hash.AppendData(buffer, 0, n);
            await target.WriteAsync(buffer.AsMemory(0, n), cancel).ConfigureAwait(false);
            left -= n;
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
