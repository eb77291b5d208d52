using Placement.Data;
using Placement.Execution.Journal;

namespace Placement.Execution.Engine;

/// <summary>
/// The lease that makes this process a run's one owner, held for the session's life: taken in the journal (owner
/// id, host, pid, process start time), renewed every <see cref="HeartbeatEvery"/> on the injected clock, given up on
/// dispose. A holder on this host is alive while its pid still names the process that started at the recorded
/// time; a holder on another host while its heartbeat is younger than <see cref="StaleAfter"/>. A dead holder's lease
/// is taken over.
/// </summary>
internal sealed class RunLease : IDisposable
{
    /// <summary>How often the heartbeat is renewed.</summary>
    public static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(5);

    /// <summary>A holder on another host whose heartbeat is older than this is taken as dead.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    private readonly SqliteJournal journal;
    private readonly string runId;
    private readonly string owner;
    private readonly ITimer heartbeat;

    private RunLease(SqliteJournal journal, string runId, string owner, TimeProvider time)
    {
        this.journal = journal;
        this.runId = runId;
        this.owner = owner;
        heartbeat = time.CreateTimer(_ => journal.Heartbeat(runId, owner, time.GetUtcNow()), null, HeartbeatEvery, HeartbeatEvery);
    }

    /// <summary>
    /// Takes the lease of <paramref name="runId"/> or throws <see cref="InputException"/> naming the live owner
    /// (the CLI's exit 2).
    /// </summary>
    public static RunLease Acquire(SqliteJournal journal, string runId, TimeProvider time, string stateFolder)
    {
        var now = time.GetUtcNow();
        var mine = new LeaseRow(runId, Guid.NewGuid().ToString("N"), Environment.MachineName, Environment.ProcessId, ProcessIdentity.SelfStart, now, now);
        if (!journal.TryAcquireLease(mine, holder => IsAlive(holder, time.GetUtcNow()), out var holder))
        {
            throw new InputException(new Problem("command line", 0, 0, "--resume",
                $"run {runId} is being driven by another process: pid {holder!.Pid} on {holder.Host} (owner {holder.Owner[..8]}, since {holder.AcquiredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, heartbeat {holder.HeartbeatAt.UtcDateTime:HH:mm:ss} UTC)",
                $"wait for it to end (placement runs --state {stateFolder}) or stop that process, then resume"));
        }

        return new RunLease(journal, runId, mine.Owner, time);
    }

    /// <summary>True while the holder of a lease still runs.</summary>
    public static bool IsAlive(LeaseRow holder, DateTimeOffset now) =>
        holder.Host == Environment.MachineName ? ProcessIdentity.IsAlive(holder.Pid, holder.PidStart) : now - holder.HeartbeatAt < StaleAfter;

    /// <inheritdoc />
    public void Dispose()
    {
        heartbeat.Dispose();
        journal.ReleaseLease(runId, owner);
    }
}

/// <summary>Whether the holder of a run's lease still runs (for listings: <c>placement runs</c>).</summary>
public static class RunLeaseState
{
    /// <summary>True while the holder runs (same host: its pid names the same process; other host: a fresh heartbeat).</summary>
    public static bool IsAlive(LeaseRow lease) => RunLease.IsAlive(lease, DateTimeOffset.UtcNow);
}
