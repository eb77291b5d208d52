namespace Placement.Execution.Tests;

/// <summary>Scenario texts the executor tests run.</summary>
internal static class Scenarios
{
    /// <summary>
    /// Five noop/copy nodes across aws, gcp, azure and openai: a dataset and a node output move to gcp (a's output
    /// read by two consumers there: one transfer), c's output to azure, d's streamed to the LLM, e routes back.
    /// </summary>
    public const string Spread = """
        name: exec-spread
        storage: { default: aws/us-east-1, retentionMonths: 1 }
        datasets:
          - { name: raw, home: aws/us-east-1, bytes: 5000, uri: raw.bin }
        nodes:
          - { name: a, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 3000, handler: { kind: noop } }
          - { name: b, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 2000, handler: { kind: noop } }
          - { name: c, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 1000, handler: { kind: noop } }
          - { name: d, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 1500, handler: { kind: noop } }
          - { name: e, endpoint: { kind: llm, model: gpt-4o-mini }, outputBytes: 500, handler: { kind: noop } }
        edges:
          - { from: raw, to: a }
          - { from: raw, to: b }
          - { from: a, to: b }
          - { from: a, to: c }
          - { from: b, to: c }
          - { from: c, to: d }
          - { from: d, to: e }
        """;

    public static readonly (string, string)[] SpreadPlacement =
        [("a", "aws/us-east-1"), ("b", "gcp/us-west1"), ("c", "gcp/us-west1"), ("d", "azure/eastus"), ("e", "openai/global")];

    /// <summary>A chain of <paramref name="n"/> command nodes in one location, each sleeping a little.</summary>
    public static string CommandChain(int n, double sleepSeconds, string extraRun = "") =>
        "name: exec-chain\nstorage: { default: aws/us-east-1, retentionMonths: 1 }\nnodes:\n"
        + string.Concat(Enumerable.Range(1, n).Select(i =>
            $"  - {{ name: n{i}, endpoint: {{ kind: vm, minVcpus: 2 }}, work: {{ runtimeHours: 0.1 }}, outputBytes: 100, handler: {{ kind: command, run: \"sleep {sleepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}; {extraRun}echo node-{i} $(cat in/* 2>/dev/null | wc -c) > $PLACEMENT_OUTPUT\" }} }}\n"))
        + "edges:\n"
        + string.Concat(Enumerable.Range(2, Math.Max(n - 1, 0)).Select(i => $"  - {{ from: n{i - 1}, to: n{i} }}\n"));
}
