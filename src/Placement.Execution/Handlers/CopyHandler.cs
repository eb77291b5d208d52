using Placement.Core.Model;
using Placement.Execution.Ports;

namespace Placement.Execution.Handlers;

/// <summary><c>copy</c>: the output is its inputs concatenated in edge declaration order (an input with parts: the parts it reads, in declared order; empty without inputs).</summary>
public sealed class CopyHandler : INodeHandler
{
    /// <inheritdoc />
    public string Kind => "copy";

    /// <inheritdoc />
    public IReadOnlyList<string> Check(WorkflowNode node) => HandlerSettings.Check(node.Handler?.Settings ?? new Dictionary<string, string>()).ToList();

    /// <inheritdoc />
    public async Task<NodeOutcome> RunAsync(NodeWork work, CancellationToken cancel)
    {
        await using var output = new FileStream(work.OutputPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        foreach (var path in work.Inputs.SelectMany(i => i.Files))
        {
            await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await source.CopyToAsync(output, cancel).ConfigureAwait(false);
        }

        return NodeOutcome.Done;
    }
}
