using System.Globalization;
using Microsoft.Data.Sqlite;
using Placement.Execution.Ports;

namespace Placement.Execution.Journal;

/// <summary>The journal's transfers: one row per (run, item, destination), and one per part of an item with parts.</summary>
public sealed partial class SqliteJournal
{
    /// <summary>Records a completed transfer (replacing an earlier record of the same move in the run).</summary>
    public void RecordTransfer(TransferRow t) => Execute(
        "INSERT OR REPLACE INTO transfers(run_id,data,from_loc,to_loc,bytes,sha256,mode,seconds,attempts,started_at,ended_at) VALUES($r,$d,$f,$t,$b,$sha,$m,$s,$a,$st,$en)",
        ("$r", t.RunId), ("$d", t.Data), ("$f", t.From), ("$t", t.To), ("$b", t.Bytes), ("$sha", t.Sha256), ("$m", t.Mode), ("$s", t.Seconds), ("$a", t.Attempts),
        ("$st", t.StartedAt is { } st ? Time(st) : null), ("$en", t.EndedAt is { } en ? Time(en) : null));

    /// <summary>Completed transfers of a run.</summary>
    public IReadOnlyList<TransferRow> Transfers(string runId) => Transfers(runId, "");

    /// <summary>
    /// Records that one part of an item reached a destination, once: in one immediate transaction, inserts the part
    /// row unless that (run, item, part, destination) is journaled already, then sets the item's transfer row to the
    /// sum of its part rows (bytes, seconds, attempts; earliest start, latest end), keeping the row's mode when it has
    /// one, else <paramref name="itemMode"/>. Returns false (nothing changed) when the part was journaled already.
    /// </summary>
    public bool RecordPartTransfer(PartTransferRow part, string itemMode, string itemSha256)
    {
        lock (gate)
        {
            using var tx = connection.BeginTransaction(deferred: false);
            using var insert = Command(
                "INSERT INTO part_transfers(run_id,data,part,from_loc,to_loc,bytes,sha256,mode,seconds,attempts,started_at,ended_at) VALUES($r,$d,$p,$f,$t,$b,$sha,$m,$s,$a,$st,$en) ON CONFLICT DO NOTHING",
                ("$r", part.RunId), ("$d", part.Data), ("$p", part.Part), ("$f", part.From), ("$t", part.To), ("$b", part.Bytes), ("$sha", part.Sha256), ("$m", part.Mode),
                ("$s", part.Seconds), ("$a", part.Attempts), ("$st", Time(part.StartedAt)), ("$en", Time(part.EndedAt)));
            insert.Transaction = tx;
            if (insert.ExecuteNonQuery() == 0)
            {
                tx.Rollback();
                return false;
            }

            using var sum = Command(
                """
                INSERT OR REPLACE INTO transfers(run_id,data,from_loc,to_loc,bytes,sha256,mode,seconds,attempts,started_at,ended_at)
                SELECT $r, $d, $f, $t, SUM(bytes), $sha,
                  COALESCE((SELECT mode FROM transfers WHERE run_id=$r AND data=$d AND to_loc=$t), $m),
                  SUM(seconds), SUM(attempts), MIN(started_at), MAX(ended_at)
                FROM part_transfers WHERE run_id=$r AND data=$d AND to_loc=$t
                """,
                ("$r", part.RunId), ("$d", part.Data), ("$f", part.From), ("$t", part.To), ("$sha", itemSha256), ("$m", itemMode));
            sum.Transaction = tx;
            sum.ExecuteNonQuery();
            tx.Commit();
            return true;
        }
    }

    /// <summary>The parts moved in a run (of one item and destination when given), ordered by item, destination and part.</summary>
    public IReadOnlyList<PartTransferRow> PartTransfers(string runId, string? data = null, string? to = null)
    {
        lock (gate)
        {
            using var c = Command(
                "SELECT run_id,data,part,from_loc,to_loc,bytes,sha256,mode,seconds,attempts,started_at,ended_at FROM part_transfers WHERE run_id=$r AND ($d IS NULL OR data=$d) AND ($t IS NULL OR to_loc=$t) ORDER BY data, to_loc, part",
                ("$r", runId), ("$d", data), ("$t", to));
            using var r = c.ExecuteReader();
            var rows = new List<PartTransferRow>();
            while (r.Read())
            {
                rows.Add(new PartTransferRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetString(6), r.GetString(7),
                    r.GetDouble(8), r.GetInt32(9), ParseTime(r.GetString(10)), ParseTime(r.GetString(11))));
            }

            return rows;
        }
    }

    private List<TransferRow> Transfers(string runId, string where, params (string, object?)[] args)
    {
        lock (gate)
        {
            using var c = Command($"SELECT run_id,data,from_loc,to_loc,bytes,sha256,mode,seconds,attempts,started_at,ended_at FROM transfers WHERE run_id=$r {where} ORDER BY data, to_loc", [("$r", runId), .. args]);
            using var r = c.ExecuteReader();
            var rows = new List<TransferRow>();
            while (r.Read())
            {
                rows.Add(new TransferRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetString(5), r.GetString(6), r.GetDouble(7), r.GetInt32(8),
                    r.IsDBNull(9) ? null : ParseTime(r.GetString(9)), r.IsDBNull(10) ? null : ParseTime(r.GetString(10))));
            }

            return rows;
        }
    }

    /// <summary>The completed transfer of an item to a destination in a run, or null.</summary>
    public TransferRow? Transfer(string runId, string data, string to) =>
        Transfers(runId, "AND data=$d AND to_loc=$t", ("$d", data), ("$t", to)).FirstOrDefault();

    /// <summary>Forgets a run's transfer record so the move is made again (its staged copy was lost or corrupted).</summary>
    public void ForgetTransfer(string runId, string data, string to) => Execute(
        "DELETE FROM transfers WHERE run_id=$r AND data=$d AND to_loc=$t", ("$r", runId), ("$d", data), ("$t", to));
}
