namespace Placement.Simulation.Setup;

/// <summary>A plan or option set the simulator cannot run; <see cref="Problems"/> lists every reason.</summary>
public sealed class SimulationSetupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SimulationSetupException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>One sentence per problem.</summary>
    public IReadOnlyList<string> Problems { get; }
}
