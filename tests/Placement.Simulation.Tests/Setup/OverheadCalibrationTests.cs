using Placement.Core.Costing;
using Placement.Core.Model;
using Placement.Simulation.Engine;
using Placement.Simulation.Network;
using Placement.Simulation.Randomness;
using Placement.Simulation.Setup;
using static Placement.Testing.Fixtures;

namespace Placement.Simulation.Tests.Setup;

public sealed class OverheadCalibrationTests
{
    [Fact]
    public void Fit_ChainOfThree_OverheadClosesTheGapPerTask()
    {
        // a -> b -> c, one hour each: 10,800 s without overhead; recorded 11,100 s -> 100 s per task.
        var nodes = new[] { Vm("a", 10, hours: 1), Vm("b", 10, hours: 1), Vm("c", 10, hours: 1) };
        var scenario = Scenario(nodes, [new Edge("a", "b", null), new Edge("b", "c", null)]);
        var assignment = nodes.ToDictionary(n => n.Name, _ => new Candidate(L("gcp/us-west1"), "n2-standard-8"), StringComparer.Ordinal);
        double MakespanOf(double overhead) => Simulator.Run(
            SimulationModel.Build(ModelFor(scenario), assignment, FixedLinkTable.Instant, SimulationOptions.Exact with { EngineOverheadSeconds = overhead }),
            new SeededRandomSource(1)).MakespanSeconds;

        Assert.Equal(100, OverheadCalibration.Fit(MakespanOf, 11_100), 3);
    }

    [Fact]
    public void Fit_RecordedShorterThanReplay_IsZero() => Assert.Equal(0, OverheadCalibration.Fit(o => 50 + o, 40));
}
