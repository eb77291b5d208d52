using Placement.Core.Model;

namespace Placement.Execution.Ports;

/// <summary>
/// Performs one node of a plan for one endpoint kind (<c>command</c>, <c>llm</c>, <c>copy</c>, <c>noop</c>).
/// A handler reads its inputs from local files the executor materialised and writes its single output to
/// <see cref="NodeWork.OutputPath"/>; the executor uploads that file to the node's storage home and commits it
/// once under the idempotency key <c>runId/nodeId</c>. Handlers never see credentials of storage services.
/// </summary>
public interface INodeHandler
{
    /// <summary>The handler kind a scenario names in <c>handler.kind</c>.</summary>
    string Kind { get; }

    /// <summary>
    /// False for handlers that never open their input files (<c>noop</c>): the executor then skips the work folder
    /// and materialising inputs (a streamed transfer is still read in full and counted), and
    /// <see cref="NodeInput.Path"/> is empty.
    /// </summary>
    bool ReadsInputFiles => true;

    /// <summary>Problems with a node's handler settings, found before anything runs (empty when fine).</summary>
    IReadOnlyList<string> Check(WorkflowNode node);

    /// <summary>Runs the node once. Throws on failure (the executor retries); honours <paramref name="cancel"/> (timeouts).</summary>
    Task<NodeOutcome> RunAsync(NodeWork work, CancellationToken cancel);
}

/// <summary>Everything a handler needs to run one attempt of one node.</summary>
/// <param name="RunId">Run identifier.</param>
/// <param name="Node">The node as the scenario declares it.</param>
/// <param name="Location">Where the plan runs it.</param>
/// <param name="Attempt">1-based attempt number as journaled: it grows across crashes and resumes of the run.</param>
/// <param name="WorkFolder">A fresh folder for this attempt.</param>
/// <param name="Inputs">Input data items, materialised as local files, in edge declaration order.</param>
/// <param name="OutputPath">Where the handler writes the node's output.</param>
/// <param name="Settings">Handler settings (may differ from the node's when a fallback runs).</param>
/// <param name="ScenarioFolder">Folder of the scenario file (commands may call scripts beside it).</param>
/// <param name="IsFallback">True when this attempt runs the node's fallback handler.</param>
/// <param name="ProcessStarted">
/// Called by a handler that starts a process, with its pid (the leader of the attempt's own process group), so the
/// executor can journal it and end the group on resume if it outlived its executor.
/// </param>
/// <param name="OutputPartsFolder">
/// For a node whose output has parts: a fresh folder where the handler writes each declared part as a file named
/// like the part (<c>StorageKey.PartSegment</c>); instead, a handler may write exactly the declared total to
/// <paramref name="OutputPath"/>, which is then split by the declared part sizes. Null for an undivided output.
/// </param>
public sealed record NodeWork(
    string RunId,
    WorkflowNode Node,
    Location Location,
    int Attempt,
    string WorkFolder,
    IReadOnlyList<NodeInput> Inputs,
    string OutputPath,
    IReadOnlyDictionary<string, string> Settings,
    string ScenarioFolder,
    bool IsFallback = false,
    Action<int>? ProcessStarted = null,
    string? OutputPartsFolder = null)
{
    /// <summary>
    /// The idempotency key this attempt's side effects run under: <c>runId/nodeId</c>, or <c>runId/nodeId#fallback</c>
    /// for the fallback handler. The executor commits either under <c>runId/nodeId</c>, once.
    /// </summary>
    public string IdempotencyKey => IsFallback ? IdempotencyKeys.Fallback(RunId, Node.Name) : IdempotencyKeys.Node(RunId, Node.Name);
}

/// <summary>
/// An input data item materialised at <paramref name="Path"/> (empty when the handler reads no input files). For an
/// output with parts, <paramref name="Path"/> is a folder holding one file per part read, listed in <paramref name="Parts"/>.
/// </summary>
public sealed record NodeInput(string Item, string Path, long Bytes, IReadOnlyList<NodeInputPart>? Parts = null)
{
    /// <summary>The files of this input in order: its parts' files, or its one file.</summary>
    public IReadOnlyList<string> Files => Parts?.Select(p => p.Path).ToList() ?? [Path];
}

/// <summary>One part of an input with parts, materialised at <paramref name="Path"/> (empty when the handler reads no input files).</summary>
public sealed record NodeInputPart(string Part, string Path, long Bytes);

/// <summary>What a handler reports besides its output file: LLM token usage, a short note.</summary>
public sealed record NodeOutcome(long InputTokens = 0, long OutputTokens = 0, string? Note = null)
{
    /// <summary>No usage to report.</summary>
    public static NodeOutcome Done { get; } = new();
}

/// <summary>A failure retrying cannot fix (e.g. no LLM endpoint configured): the executor goes straight to the fallback.</summary>
public sealed class PermanentNodeException(string message) : Exception(message);
