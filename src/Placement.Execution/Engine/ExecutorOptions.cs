namespace Placement.Execution.Engine;

/// <summary>
/// Settings of the embedded executor: mutable while being filled in at the edge, then checked once with
/// <see cref="Validate"/>, which returns every problem at once.
/// </summary>
public sealed class ExecutorOptions
{
    /// <summary>Folder holding the journal (<c>journal.db</c>) and run folders (<c>runs/RUN_ID</c>). Default <c>./.placement</c>.</summary>
    public string StateFolder { get; set; } = ".placement";

    /// <summary>Nodes running at once over all locations. Default 8.</summary>
    public int MaxParallelism { get; set; } = 8;

    /// <summary>Nodes running at once at one location (the location's task-queue width). Default 4.</summary>
    public int PerLocationConcurrency { get; set; } = 4;

    /// <summary>Overrides of <see cref="PerLocationConcurrency"/> by location text (<c>aws/us-east-1</c>).</summary>
    public Dictionary<string, int> LocationConcurrency { get; } = new(StringComparer.Ordinal);

    /// <summary>Attempts per node when the handler settings do not say (<c>maxAttempts</c>). Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Attempts per transfer (a storage service may be briefly down). Default 6.</summary>
    public int TransferAttempts { get; set; } = 6;

    /// <summary>First retry delay; attempt n waits base x 2^(n-1), capped by <see cref="BackoffMax"/>, plus jitter. Default 0.5 s.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Longest retry delay before jitter. Default 30 s.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Jitter as a fraction of the delay, drawn uniformly in [0, fraction). Default 0.2.</summary>
    public double JitterFraction { get; set; } = 0.2;

    /// <summary>Per-node timeout when the handler settings do not say (<c>timeoutSeconds</c>). Default 1 hour.</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Seed of the jitter and run-id random source (same seed, same delays).</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Keep the per-node work folders after a run (default: deleted when the node commits).</summary>
    public bool KeepWorkFolders { get; set; }

    /// <summary>Every problem with these settings; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(StateFolder))
        {
            problems.Add("StateFolder: give a folder for the journal and run folders");
        }

        if (MaxParallelism < 1)
        {
            problems.Add($"MaxParallelism: {MaxParallelism} must be at least 1");
        }

        if (PerLocationConcurrency < 1)
        {
            problems.Add($"PerLocationConcurrency: {PerLocationConcurrency} must be at least 1");
        }

        foreach (var (loc, n) in LocationConcurrency.Where(p => p.Value < 1))
        {
            problems.Add($"LocationConcurrency[{loc}]: {n} must be at least 1");
        }

        if (MaxAttempts < 1)
        {
            problems.Add($"MaxAttempts: {MaxAttempts} must be at least 1");
        }

        if (TransferAttempts < 1)
        {
            problems.Add($"TransferAttempts: {TransferAttempts} must be at least 1");
        }

        if (BackoffBase < TimeSpan.Zero || BackoffMax < BackoffBase)
        {
            problems.Add("BackoffBase/BackoffMax: need 0 <= BackoffBase <= BackoffMax");
        }

        if (JitterFraction is < 0 or > 1 || double.IsNaN(JitterFraction))
        {
            problems.Add($"JitterFraction: {JitterFraction} must be within [0, 1]");
        }

        if (NodeTimeout <= TimeSpan.Zero)
        {
            problems.Add("NodeTimeout: must be positive");
        }

        return problems;
    }

    /// <summary>Concurrency limit of one location.</summary>
    public int ConcurrencyAt(string location) => LocationConcurrency.GetValueOrDefault(location, PerLocationConcurrency);
}
