using Placement.Traces.Model;

namespace Placement.Traces.Tests.Model;

public sealed class TraceDagTests
{
    [Fact]
    public void Of_FilesBetweenTasks_GiveEdgeBytesOutputBytesAndExternalInputs()
    {
        var trace = new Trace("t", "1.5", null, null,
            [
                new TraceTask("a", "a", "a", 1, [], ["raw"], ["x", "y"], [], null, null),
                new TraceTask("b", "b", "b", 1, ["a"], ["x", "raw"], ["z"], [], null, null),
                new TraceTask("c", "c", "c", 1, ["a", "b"], ["y", "z"], [], [], null, null),
            ],
            [new TraceFile("raw", 7), new TraceFile("x", 100), new TraceFile("y", 20), new TraceFile("z", 3)], [], null);
        var dag = TraceDag.Of(trace);
        Assert.Equal(120, dag.OutputBytes["a"]);
        Assert.Equal(100, dag.EdgeBytes[("a", "b")]);
        Assert.Equal(20, dag.EdgeBytes[("a", "c")]);
        Assert.Equal(3, dag.EdgeBytes[("b", "c")]);
        Assert.Equal(["raw"], dag.ExternalInputs["b"]);
        Assert.Empty(dag.ExternalInputs["c"]);
    }

    [Fact]
    public void Of_RealTrace_EdgeBytesNeverExceedParentOutput()
    {
        var trace = TestData.Load("1.5", "montage-chameleon-2mass-01d-001");
        var dag = TraceDag.Of(trace);
        Assert.All(dag.EdgeBytes, e => Assert.InRange(e.Value, 0, dag.OutputBytes[e.Key.Parent]));
        Assert.Contains(dag.EdgeBytes, e => e.Value > 0);
    }
}
