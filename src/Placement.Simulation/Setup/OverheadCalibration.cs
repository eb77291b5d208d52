namespace Placement.Simulation.Setup;

/// <summary>
/// Fits the per-task engine overhead so that a replay reproduces a recorded makespan. Recorded WfCommons makespans
/// are dominated by workflow-engine overhead (seismology-100p: 354 s against a critical path of a few seconds);
/// with unlimited slots and instant transfers the simulated makespan is max over paths of (sum of runtimes +
/// overhead x tasks on the path): continuous and non-decreasing in the overhead, so bisection finds it.
/// </summary>
public static class OverheadCalibration
{
    /// <summary>
    /// The overhead in seconds (within <paramref name="toleranceSeconds"/>) at which <paramref name="makespanOf"/>
    /// reaches <paramref name="recordedMakespanSeconds"/>; 0 when the replay without overhead is already as long.
    /// </summary>
    /// <param name="makespanOf">Simulated makespan in seconds for a given overhead in seconds (non-decreasing).</param>
    /// <param name="recordedMakespanSeconds">The trace's recorded makespan.</param>
    /// <param name="toleranceSeconds">Stop when the bracket is this narrow.</param>
    public static double Fit(Func<double, double> makespanOf, double recordedMakespanSeconds, double toleranceSeconds = 1e-4)
    {
        if (!(recordedMakespanSeconds > 0) || makespanOf(0) >= recordedMakespanSeconds)
        {
            return 0;
        }

        // Every path has at least one task, so an overhead equal to the recorded makespan overshoots.
        double low = 0, high = recordedMakespanSeconds;
        for (var i = 0; i < 200 && high - low > toleranceSeconds; i++)
        {
            var mid = (low + high) / 2;
            if (makespanOf(mid) < recordedMakespanSeconds)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }
}
