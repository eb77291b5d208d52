using Microsoft.Data.Sqlite;
using Placement.Execution.Journal;

namespace Placement.Execution.Tests.Journal;

/// <summary>A journal written before schema version 1 opens, gains the columns and tables of versions 1 and 2, and keeps its rows.</summary>
public class JournalMigrationTests
{
    private const string VersionZero = """
        CREATE TABLE runs(run_id TEXT PRIMARY KEY, scenario TEXT NOT NULL, scenario_hash TEXT NOT NULL, plan_hash TEXT NOT NULL,
          storage TEXT NOT NULL, status TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT);
        CREATE TABLE attempts(run_id TEXT NOT NULL, node TEXT NOT NULL, attempt INTEGER NOT NULL, started_at TEXT NOT NULL,
          ended_at TEXT, status TEXT NOT NULL, error TEXT, PRIMARY KEY(run_id, node, attempt));
        CREATE TABLE commits(id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, node TEXT NOT NULL, idempotency_key TEXT NOT NULL,
          location TEXT NOT NULL, storage_home TEXT NOT NULL, object_key TEXT NOT NULL, uri TEXT NOT NULL,
          bytes INTEGER NOT NULL, sha256 TEXT NOT NULL, cache_key TEXT NOT NULL, kind TEXT NOT NULL, attempts INTEGER NOT NULL,
          started_at TEXT NOT NULL, seconds REAL NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, invalidated TEXT);
        CREATE UNIQUE INDEX commits_once ON commits(idempotency_key) WHERE invalidated IS NULL;
        CREATE TABLE transfers(run_id TEXT NOT NULL, data TEXT NOT NULL, from_loc TEXT NOT NULL, to_loc TEXT NOT NULL, bytes INTEGER NOT NULL,
          sha256 TEXT NOT NULL, mode TEXT NOT NULL, seconds REAL NOT NULL, attempts INTEGER NOT NULL, PRIMARY KEY(run_id, data, to_loc));
        INSERT INTO runs VALUES('r1','s','sh','ph','*=local','Running','2026-01-01T00:00:00.0000000Z',NULL);
        INSERT INTO attempts VALUES('r1','a',1,'2026-01-01T00:00:00.0000000Z','2026-01-01T00:00:01.0000000Z','ok',NULL);
        INSERT INTO attempts VALUES('r1','b',1,'2026-01-01T00:00:00.0000000Z',NULL,'running',NULL);
        INSERT INTO transfers VALUES('r1','raw','aws/us-east-1','gcp/us-west1',10,'abc','stream',0.5,1);
        """;

    [Fact]
    public void Open_VersionZeroJournal_AddsKindAndTransferTimesKeepingRows()
    {
        var path = Path.Combine(TestKit.TempFolder("migrate"), "journal.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var c = old.CreateCommand();
            c.CommandText = VersionZero;
            c.ExecuteNonQuery();
        }

        using (var journal = new SqliteJournal(path))
        {
            Assert.Equal(SqliteJournal.SchemaVersion, journal.Version);
            Assert.All(journal.Attempts("r1"), a => Assert.Equal(AttemptKind.Primary, a.Kind));
            Assert.Null(Assert.Single(journal.Runs()).PlanFile);

            // Version 2: attempts carry their process, a crashed owner's running attempts become interrupted, leases exist.
            journal.SetAttemptProcess("r1", "b", 1, 4242, "99");
            var interrupted = Assert.Single(journal.InterruptRunning("r1", DateTimeOffset.UnixEpoch));
            Assert.Equal(("b", 4242, "99"), (interrupted.Attempt.Node, interrupted.Pid!.Value, interrupted.PidStart));
            Assert.Equal("interrupted", journal.Attempts("r1").Single(a => a.Node == "b").Status);
            Assert.Equal(1, journal.LastAttempt("r1", "b"));
            Assert.Null(journal.Lease("r1"));
            var old = Assert.Single(journal.Transfers("r1"));
            Assert.Null(old.StartedAt);
            Assert.Null(old.EndedAt);

            journal.StartAttempt("r1", "a", 2, DateTimeOffset.UnixEpoch, AttemptKind.Fallback);
            Assert.Equal(AttemptKind.Fallback, journal.Attempts("r1").Single(a => a.Attempt == 2).Kind);
            Assert.Throws<InvalidOperationException>(() => journal.StartAttempt("r1", "a", 2, DateTimeOffset.UnixEpoch));
        }

        // Opening again is a no-op.
        using var reopened = new SqliteJournal(path);
        Assert.Equal(3, reopened.Attempts("r1").Count);
    }

    [Fact]
    public void TryCommit_SameNodeTwice_UniqueIndexStillRefusesTheSecond()
    {
        using var journal = new SqliteJournal(Path.Combine(TestKit.TempFolder("once"), "journal.db"));
        var row = new CommitRow("r", "n", "r/n", "aws/us-east-1", "aws/us-east-1", "s/n", "file:///x", 1, "h", "c", Ports.NodeCommitKind.Ran, 1, DateTimeOffset.UnixEpoch, 0, 0, 0);
        Assert.True(journal.TryCommit(row));
        Assert.False(journal.TryCommit(row with { Kind = Ports.NodeCommitKind.Fallback }));
        Assert.Equal(1, journal.CommitCount("r/n"));
    }
}
