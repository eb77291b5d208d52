using System.Globalization;
using Microsoft.Data.Sqlite;
using Placement.Execution.Ports;

namespace Placement.Execution.Journal;

/// <summary>The journal's run leases: one owning process per run, taken over when its owner is gone.</summary>
public sealed partial class SqliteJournal
{
    /// <summary>
    /// Takes the lease of a run for <paramref name="mine"/> in one immediate transaction (so two processes cannot
    /// both win): granted when the run has no lease, when the holder is <paramref name="mine"/>'s owner, or when
    /// <paramref name="isAlive"/> says the holder is gone (a dead owner's lease is taken over). Otherwise returns
    /// false with the live <paramref name="holder"/>.
    /// </summary>
    public bool TryAcquireLease(LeaseRow mine, Func<LeaseRow, bool> isAlive, out LeaseRow? holder)
    {
        lock (gate)
        {
            using var tx = connection.BeginTransaction(deferred: false);
            holder = LeaseUnlocked(mine.RunId, tx);
            if (holder is not null && holder.Owner != mine.Owner && isAlive(holder))
            {
                tx.Rollback();
                return false;
            }

            using var c = Command(
                "INSERT OR REPLACE INTO leases(run_id,owner,host,pid,pid_start,acquired_at,heartbeat_at) VALUES($r,$o,$h,$p,$ps,$a,$hb)",
                ("$r", mine.RunId), ("$o", mine.Owner), ("$h", mine.Host), ("$p", mine.Pid), ("$ps", mine.PidStart), ("$a", Time(mine.AcquiredAt)), ("$hb", Time(mine.HeartbeatAt)));
            c.Transaction = tx;
            c.ExecuteNonQuery();
            tx.Commit();
            return true;
        }
    }

    /// <summary>The lease of a run, or null.</summary>
    public LeaseRow? Lease(string runId)
    {
        lock (gate)
        {
            return LeaseUnlocked(runId, null);
        }
    }

    /// <summary>Renews the owner's heartbeat; false when the owner no longer holds the lease.</summary>
    public bool Heartbeat(string runId, string owner, DateTimeOffset at)
    {
        lock (gate)
        {
            using var c = Command("UPDATE leases SET heartbeat_at=$hb WHERE run_id=$r AND owner=$o", ("$hb", Time(at)), ("$r", runId), ("$o", owner));
            return c.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>Gives the lease up (the run ended in this process).</summary>
    public void ReleaseLease(string runId, string owner) => Execute("DELETE FROM leases WHERE run_id=$r AND owner=$o", ("$r", runId), ("$o", owner));

    private LeaseRow? LeaseUnlocked(string runId, SqliteTransaction? tx)
    {
        using var c = Command("SELECT run_id,owner,host,pid,pid_start,acquired_at,heartbeat_at FROM leases WHERE run_id=$r", ("$r", runId));
        c.Transaction = tx;
        using var r = c.ExecuteReader();
        return r.Read() ? new LeaseRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), ParseTime(r.GetString(5)), ParseTime(r.GetString(6))) : null;
    }
}
