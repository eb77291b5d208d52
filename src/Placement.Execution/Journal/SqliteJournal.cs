using System.Globalization;
using Microsoft.Data.Sqlite;
using Placement.Execution.Ports;

namespace Placement.Execution.Journal;

/// <summary>
/// The durable journal of the embedded executor, in SQLite: runs, node attempts, committed outputs (URI,
/// bytes, SHA-256, cache key) and transfers. Write-ahead logging with <c>synchronous=NORMAL</c>: every
/// committed transaction survives the executor process being killed (not a power cut mid-checkpoint).
/// A commit is unique per idempotency key (<c>runId/nodeId</c>) among valid rows: a second commit of the
/// same node in the same run is refused by the database itself. Holds no credentials: only URIs.
/// </summary>
public sealed partial class SqliteJournal : IRunJournal, IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode=WAL;
        PRAGMA synchronous=NORMAL;
        PRAGMA busy_timeout=5000;
        CREATE TABLE IF NOT EXISTS runs(
          run_id TEXT PRIMARY KEY, scenario TEXT NOT NULL, scenario_hash TEXT NOT NULL, plan_hash TEXT NOT NULL,
          storage TEXT NOT NULL, status TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT, plan_file TEXT);
        CREATE TABLE IF NOT EXISTS attempts(
          run_id TEXT NOT NULL, node TEXT NOT NULL, attempt INTEGER NOT NULL, started_at TEXT NOT NULL,
          ended_at TEXT, status TEXT NOT NULL, error TEXT, kind TEXT NOT NULL DEFAULT 'primary', pid INTEGER, pid_start TEXT,
          PRIMARY KEY(run_id, node, attempt));
        CREATE TABLE IF NOT EXISTS commits(
          id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, node TEXT NOT NULL, idempotency_key TEXT NOT NULL,
          location TEXT NOT NULL, storage_home TEXT NOT NULL, object_key TEXT NOT NULL, uri TEXT NOT NULL,
          bytes INTEGER NOT NULL, sha256 TEXT NOT NULL, cache_key TEXT NOT NULL, kind TEXT NOT NULL, attempts INTEGER NOT NULL,
          started_at TEXT NOT NULL, seconds REAL NOT NULL, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
          invalidated TEXT);
        CREATE UNIQUE INDEX IF NOT EXISTS commits_once ON commits(idempotency_key) WHERE invalidated IS NULL;
        CREATE INDEX IF NOT EXISTS commits_cache ON commits(node, cache_key);
        CREATE TABLE IF NOT EXISTS transfers(
          run_id TEXT NOT NULL, data TEXT NOT NULL, from_loc TEXT NOT NULL, to_loc TEXT NOT NULL, bytes INTEGER NOT NULL,
          sha256 TEXT NOT NULL, mode TEXT NOT NULL, seconds REAL NOT NULL, attempts INTEGER NOT NULL,
          started_at TEXT, ended_at TEXT, PRIMARY KEY(run_id, data, to_loc));
        CREATE TABLE IF NOT EXISTS part_transfers(
          run_id TEXT NOT NULL, data TEXT NOT NULL, part TEXT NOT NULL, from_loc TEXT NOT NULL, to_loc TEXT NOT NULL, bytes INTEGER NOT NULL,
          sha256 TEXT NOT NULL, mode TEXT NOT NULL, seconds REAL NOT NULL, attempts INTEGER NOT NULL,
          started_at TEXT NOT NULL, ended_at TEXT NOT NULL, PRIMARY KEY(run_id, data, part, to_loc));
        CREATE TABLE IF NOT EXISTS leases(
          run_id TEXT PRIMARY KEY, owner TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL, pid_start TEXT NOT NULL,
          acquired_at TEXT NOT NULL, heartbeat_at TEXT NOT NULL);
        """;

    /// <summary>
    /// The schema version this code writes (<c>PRAGMA user_version</c>). 0: the first journals (no version set);
    /// 1: <c>attempts.kind</c> (<c>primary</c>/<c>fallback</c>) and <c>transfers.started_at</c>/<c>ended_at</c>
    /// (measured with the injected clock; null on rows written before); 2: attempts are append-only and carry the
    /// command's process (<c>attempts.pid</c>, <c>attempts.pid_start</c>), runs record their plan file
    /// (<c>runs.plan_file</c>), and the <c>leases</c> table names each run's one owner; 3: the <c>part_transfers</c>
    /// table (one row per run, item, part and destination: each part of an output with parts moves once).
    /// </summary>
    public const int SchemaVersion = 3;

    /// <summary>Columns added after version 0, by table: what <see cref="Migrate"/> adds to an older journal.</summary>
    private static readonly (string Table, string Column, string Declaration)[] AddedColumns =
    [
        ("attempts", "kind", "TEXT NOT NULL DEFAULT 'primary'"),
        ("transfers", "started_at", "TEXT"),
        ("transfers", "ended_at", "TEXT"),
        ("attempts", "pid", "INTEGER"),
        ("attempts", "pid_start", "TEXT"),
        ("runs", "plan_file", "TEXT"),
    ];

    private readonly SqliteConnection connection;
    private readonly object gate = new();

    /// <summary>Opens (and creates) the journal file.</summary>
    public SqliteJournal(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(Schema);
        Migrate();
    }

    /// <summary>The journal's schema version (<see cref="SchemaVersion"/> once opened by this code).</summary>
    public int Version
    {
        get
        {
            lock (gate)
            {
                using var c = Command("PRAGMA user_version");
                return Convert.ToInt32(c.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Records a new run; false (nothing written) when a run of that id exists (the primary key decides).</summary>
    public bool CreateRun(RunRow run)
    {
        lock (gate)
        {
            using var c = Command(
                "INSERT INTO runs(run_id,scenario,scenario_hash,plan_hash,storage,status,started_at,ended_at,plan_file) VALUES($id,$s,$sh,$ph,$st,$status,$at,NULL,$pf) ON CONFLICT DO NOTHING",
                ("$id", run.RunId), ("$s", run.Scenario), ("$sh", run.ScenarioHash), ("$ph", run.PlanHash), ("$st", run.Storage),
                ("$status", run.Status.ToString()), ("$at", Time(run.StartedAt)), ("$pf", run.PlanFile));
            return c.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>Every run, oldest first (run ids are time-ordered).</summary>
    public IReadOnlyList<RunRow> Runs() => RunRows("", []);

    /// <summary>The run of that id, or null.</summary>
    public RunRow? Run(string runId) => RunRows("WHERE run_id=$id", [("$id", runId)]).FirstOrDefault();

    /// <summary>Sets a run's status (and its end time when it ended).</summary>
    public void SetRunStatus(string runId, RunStatus status, DateTimeOffset? endedAt) => Execute(
        "UPDATE runs SET status=$s, ended_at=$e WHERE run_id=$id", ("$s", status.ToString()), ("$e", endedAt is { } e ? Time(e) : null), ("$id", runId));

    /// <summary>
    /// Records the start of an attempt, before its handler runs. Attempts are append-only: a row is never replaced,
    /// so an attempt number already journaled (by a crashed process, say) is refused with
    /// <see cref="InvalidOperationException"/>; take numbers from <see cref="LastAttempt"/>. <paramref name="kind"/> says
    /// which handler runs it: <see cref="AttemptKind.Primary"/> or <see cref="AttemptKind.Fallback"/>.
    /// </summary>
    public void StartAttempt(string runId, string node, int attempt, DateTimeOffset at, string kind = AttemptKind.Primary)
    {
        lock (gate)
        {
            using var c = Command(
                "INSERT INTO attempts(run_id,node,attempt,started_at,ended_at,status,error,kind) VALUES($r,$n,$a,$at,NULL,'running',NULL,$k) ON CONFLICT DO NOTHING",
                ("$r", runId), ("$n", node), ("$a", attempt), ("$at", Time(at)), ("$k", kind));
            if (c.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException($"attempt {attempt} of {runId}/{node} is journaled already (attempts are append-only)");
            }
        }
    }

    /// <summary>The highest attempt number journaled for a node in a run (0 when none): the next attempt is one more.</summary>
    public int LastAttempt(string runId, string node)
    {
        lock (gate)
        {
            using var c = Command("SELECT COALESCE(MAX(attempt), 0) FROM attempts WHERE run_id=$r AND node=$n", ("$r", runId), ("$n", node));
            return Convert.ToInt32(c.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Records the process (group leader pid and its start time, <see cref="ProcessIdentity"/>) a running attempt started.</summary>
    public void SetAttemptProcess(string runId, string node, int attempt, int pid, string pidStart) => Execute(
        "UPDATE attempts SET pid=$p, pid_start=$ps WHERE run_id=$r AND node=$n AND attempt=$a",
        ("$p", pid), ("$ps", pidStart), ("$r", runId), ("$n", node), ("$a", attempt));

    /// <summary>
    /// Marks every attempt of a run still <c>running</c> as <c>interrupted</c> (its process died with its owner) and
    /// returns them as they were, with the process they recorded, so the new owner can end what is left of it.
    /// </summary>
    public IReadOnlyList<(AttemptRow Attempt, int? Pid, string? PidStart)> InterruptRunning(string runId, DateTimeOffset at)
    {
        lock (gate)
        {
            var rows = new List<(AttemptRow, int?, string?)>();
            using (var c = Command("SELECT run_id, node, attempt, started_at, ended_at, status, error, kind, pid, pid_start FROM attempts WHERE run_id=$r AND status='running' ORDER BY node, attempt", ("$r", runId)))
            using (var r = c.ExecuteReader())
            {
                while (r.Read())
                {
                    rows.Add((ReadAttempt(r), r.IsDBNull(8) ? null : r.GetInt32(8), r.IsDBNull(9) ? null : r.GetString(9)));
                }
            }

            using var u = Command("UPDATE attempts SET status='interrupted', ended_at=$at, error='the executor process ended during the attempt' WHERE run_id=$r AND status='running'", ("$r", runId), ("$at", Time(at)));
            u.ExecuteNonQuery();
            return rows;
        }
    }

    /// <summary>Records the end of an attempt: <c>ok</c>, <c>failed</c>, <c>timeout</c> or <c>cancelled</c>.</summary>
    public void EndAttempt(string runId, string node, int attempt, DateTimeOffset at, string status, string? error) => Execute(
        "UPDATE attempts SET ended_at=$at, status=$s, error=$e WHERE run_id=$r AND node=$n AND attempt=$a",
        ("$at", Time(at)), ("$s", status), ("$e", error), ("$r", runId), ("$n", node), ("$a", attempt));

    /// <summary>Every attempt of a run.</summary>
    public IReadOnlyList<AttemptRow> Attempts(string runId)
    {
        lock (gate)
        {
            using var c = Command("SELECT run_id, node, attempt, started_at, ended_at, status, error, kind FROM attempts WHERE run_id=$r ORDER BY started_at, node, attempt", ("$r", runId));
            using var r = c.ExecuteReader();
            var rows = new List<AttemptRow>();
            while (r.Read())
            {
                rows.Add(ReadAttempt(r));
            }

            return rows;
        }
    }

    /// <summary>
    /// Commits a node's output once. Returns false, committing nothing, when a valid commit with the same
    /// idempotency key exists (the database's unique index decides, so two processes cannot both win).
    /// </summary>
    public bool TryCommit(CommitRow row)
    {
        lock (gate)
        {
            using var c = Command(
                """
                INSERT INTO commits(run_id,node,idempotency_key,location,storage_home,object_key,uri,bytes,sha256,cache_key,kind,attempts,started_at,seconds,input_tokens,output_tokens)
                VALUES($r,$n,$k,$l,$h,$o,$u,$b,$sha,$ck,$kind,$a,$at,$sec,$it,$ot) ON CONFLICT DO NOTHING
                """,
                ("$r", row.RunId), ("$n", row.Node), ("$k", row.IdempotencyKey), ("$l", row.Location), ("$h", row.StorageHome), ("$o", row.ObjectKey),
                ("$u", row.Uri), ("$b", row.Bytes), ("$sha", row.Sha256), ("$ck", row.CacheKey), ("$kind", row.Kind.ToString()), ("$a", row.Attempts),
                ("$at", Time(row.StartedAt)), ("$sec", row.Seconds), ("$it", row.InputTokens), ("$ot", row.OutputTokens));
            return c.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>Valid commits of a run, by node.</summary>
    public IReadOnlyDictionary<string, CommitRow> Commits(string runId) =>
        Query("SELECT * FROM commits WHERE run_id=$r AND invalidated IS NULL ORDER BY id", ("$r", runId)).ToDictionary(c => c.Node, StringComparer.Ordinal);

    /// <summary>The valid commit of a node in a run, or null.</summary>
    public CommitRow? Commit(string runId, string node) =>
        Query("SELECT * FROM commits WHERE run_id=$r AND node=$n AND invalidated IS NULL ORDER BY id LIMIT 1", ("$r", runId), ("$n", node)).FirstOrDefault();

    /// <summary>How many commits, valid or invalidated, carry an idempotency key (1 in a healthy run).</summary>
    public int CommitCount(string idempotencyKey)
    {
        lock (gate)
        {
            using var c = Command("SELECT COUNT(*) FROM commits WHERE idempotency_key=$k", ("$k", idempotencyKey));
            return Convert.ToInt32(c.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Marks a node's commit in a run invalid (output lost or corrupted, or <c>--from</c>), so it runs again.</summary>
    public void Invalidate(string runId, string node, string reason) => Execute(
        "UPDATE commits SET invalidated=$why WHERE run_id=$r AND node=$n AND invalidated IS NULL", ("$why", reason), ("$r", runId), ("$n", node));

    /// <summary>The latest valid output of a node stored at <paramref name="home"/> in any run, or null.</summary>
    public CommitRow? LatestCommit(string node, string home) =>
        Query("SELECT * FROM commits WHERE node=$n AND storage_home=$h AND invalidated IS NULL ORDER BY id DESC LIMIT 1", ("$n", node), ("$h", home)).FirstOrDefault();

    /// <summary>The latest valid output of a node with that cache key in any run, or null.</summary>
    public CommitRow? FindCached(string node, string cacheKey) =>
        Query("SELECT * FROM commits WHERE node=$n AND cache_key=$c AND invalidated IS NULL ORDER BY id DESC LIMIT 1", ("$n", node), ("$c", cacheKey)).FirstOrDefault();

    /// <summary>The text of every row of every table, for tests that check no secret was written.</summary>
    public string DumpText()
    {
        lock (gate)
        {
            var text = new System.Text.StringBuilder();
            foreach (var table in new[] { "runs", "attempts", "commits", "transfers", "part_transfers", "leases" })
            {
                using var c = Command($"SELECT * FROM {table}");
                using var r = c.ExecuteReader();
                while (r.Read())
                {
                    for (var i = 0; i < r.FieldCount; i++)
                    {
                        text.Append(r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                    }

                    text.Append('\n');
                }
            }

            return text.ToString();
        }
    }

    /// <inheritdoc />
    public void Dispose() => connection.Dispose();

    /// <summary>Brings a journal written by older code up to <see cref="SchemaVersion"/>: adds the missing columns, in one transaction.</summary>
    private void Migrate()
    {
        lock (gate)
        {
            using var tx = connection.BeginTransaction();
            foreach (var (table, column, declaration) in AddedColumns)
            {
                using var info = Command($"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name=$c", ("$c", column));
                info.Transaction = tx;
                if (Convert.ToInt32(info.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
                {
                    using var alter = Command($"ALTER TABLE {table} ADD COLUMN {column} {declaration}");
                    alter.Transaction = tx;
                    alter.ExecuteNonQuery();
                }
            }

            using var version = Command($"PRAGMA user_version={SchemaVersion}");
            version.Transaction = tx;
            version.ExecuteNonQuery();
            tx.Commit();
        }
    }

    private static AttemptRow ReadAttempt(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt32(2), ParseTime(r.GetString(3)), r.IsDBNull(4) ? null : ParseTime(r.GetString(4)), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7));

    private List<RunRow> RunRows(string where, (string, object?)[] args)
    {
        lock (gate)
        {
            using var c = Command($"SELECT run_id, scenario, scenario_hash, plan_hash, storage, status, started_at, ended_at, plan_file FROM runs {where} ORDER BY started_at, run_id", args);
            using var r = c.ExecuteReader();
            var rows = new List<RunRow>();
            while (r.Read())
            {
                rows.Add(new RunRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Enum.Parse<RunStatus>(r.GetString(5)),
                    ParseTime(r.GetString(6)), r.IsDBNull(7) ? null : ParseTime(r.GetString(7)), r.IsDBNull(8) ? null : r.GetString(8)));
            }

            return rows;
        }
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private List<CommitRow> Query(string sql, params (string, object?)[] args)
    {
        lock (gate)
        {
            using var c = Command(sql, args);
            using var r = c.ExecuteReader();
            var rows = new List<CommitRow>();
            while (r.Read())
            {
                rows.Add(new CommitRow(
                    r.GetString(r.GetOrdinal("run_id")), r.GetString(r.GetOrdinal("node")), r.GetString(r.GetOrdinal("idempotency_key")),
                    r.GetString(r.GetOrdinal("location")), r.GetString(r.GetOrdinal("storage_home")), r.GetString(r.GetOrdinal("object_key")),
                    r.GetString(r.GetOrdinal("uri")), r.GetInt64(r.GetOrdinal("bytes")), r.GetString(r.GetOrdinal("sha256")),
                    r.GetString(r.GetOrdinal("cache_key")), Enum.Parse<NodeCommitKind>(r.GetString(r.GetOrdinal("kind"))), r.GetInt32(r.GetOrdinal("attempts")),
                    ParseTime(r.GetString(r.GetOrdinal("started_at"))), r.GetDouble(r.GetOrdinal("seconds")),
                    r.GetInt64(r.GetOrdinal("input_tokens")), r.GetInt64(r.GetOrdinal("output_tokens"))));
            }

            return rows;
        }
    }

    private void Execute(string sql, params (string, object?)[] args)
    {
        lock (gate)
        {
            using var c = Command(sql, args);
            c.ExecuteNonQuery();
        }
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] args)
    {
        var c = connection.CreateCommand();
        c.CommandText = sql;
        foreach (var (name, value) in args)
        {
            c.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return c;
    }
}
