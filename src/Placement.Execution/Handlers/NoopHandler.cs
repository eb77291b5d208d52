using Placement.Core.Model;
using Placement.Execution.Ports;

namespace Placement.Execution.Handlers;

/// <summary>
/// <c>noop</c>: does no work and writes an output of exactly the node's declared <c>outputBytes</c> (a fixed
/// byte pattern derived from the node name), so a run's byte accounting can be compared with the plan exactly.
/// </summary>
public sealed class NoopHandler : INodeHandler
{
    /// <inheritdoc />
    public string Kind => "noop";

    /// <inheritdoc />
    public bool ReadsInputFiles => false;

    /// <inheritdoc />
    public IReadOnlyList<string> Check(WorkflowNode node) => HandlerSettings.Check(node.Handler?.Settings ?? new Dictionary<string, string>()).ToList();

    /// <inheritdoc />
    public async Task<NodeOutcome> RunAsync(NodeWork work, CancellationToken cancel)
    {
        var seed = unchecked((byte)work.Node.Name.Aggregate(17, (h, c) => unchecked((h * 31) + c)));
        var block = new byte[(int)Math.Min(1 << 16, Math.Max(work.Node.OutputBytes, 1))];
        for (var i = 0; i < block.Length; i++)
        {
            block[i] = unchecked((byte)(seed + i));
        }

        await using var file = new FileStream(work.OutputPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var left = work.Node.OutputBytes;
        while (left > 0)
        {
            var n = (int)Math.Min(block.Length, left);
            await file.WriteAsync(block.AsMemory(0, n), cancel).ConfigureAwait(false);
            left -= n;
        }

        return NodeOutcome.Done;
    }
}
