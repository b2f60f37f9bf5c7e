using System.Globalization;
using Harness.Results;
using Microsoft.Data.Sqlite;

namespace Harness.History;

/// <summary>The run history in SQLite: one transaction per run, so a crash never leaves half a run behind.</summary>
internal sealed class HistoryStore : IDisposable
{
    private const int SchemaVersion = 1;
    private readonly SqliteConnection connection;

    private HistoryStore(SqliteConnection connection) => this.connection = connection;

    /// <summary>Called after each row insert of <see cref="Record"/> (tests use it to simulate a crash mid-write).</summary>
    internal Action<string>? AfterInsert { get; init; }

    public string Path { get; private init; } = "";

    /// <summary>
    /// Opens (creating when missing) the database at <paramref name="path"/>. Throws <see cref="HistoryFileException"/>
    /// (an <see cref="IOException"/>) naming the file when it is a folder, not a regular file, not an SQLite database,
    /// or another program's SQLite database (which is never written to).
    /// </summary>
    public static HistoryStore Open(string path, Action<string>? afterInsert = null)
    {
        if (KindProblem(path) is { } problem)
        {
            throw new HistoryFileException(path, problem);
        }

        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var store = Connect(path, SqliteOpenMode.ReadWriteCreate, "cannot be opened", afterInsert);
        try
        {
            store.EnsureSchema();
            return store;
        }
        catch (SqliteException e)
        {
            store.Dispose();
            throw new HistoryFileException(path, NotAHistory(e) ?? $"cannot be opened: {e.Message}", e);
        }
        catch
        {
            // A database that cannot be set up (a full disk) must not stay open behind the caller's back.
            store.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing database read-only use; throws <see cref="FileNotFoundException"/> when it is missing.</summary>
    public static HistoryStore OpenExisting(string path)
        => File.Exists(path) || Directory.Exists(path) ? Open(path) : throw new FileNotFoundException($"{path}: no history database (harness run writes one; --history FILE)", path);

    /// <summary>
    /// Why a run could not record in <paramref name="path"/>, found before anything runs and without creating or changing
    /// any file; null when it can (a missing file can: the run creates it; whether its folder can be created is the
    /// caller's to check). The reason follows the path: "PATH is a folder, not a history database".
    /// </summary>
    public static string? Problem(string path)
    {
        if (KindProblem(path) is { } kind)
        {
            return kind;
        }

        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            // Opened for writing (nothing is written): a read-only file is found now, not after the run.
            using (File.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            {
            }

            using var store = OpenReadOnly(path);
            return null;
        }
        catch (HistoryFileException e)
        {
            return e.Reason;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be written: {e.Message}";
        }
    }

    /// <summary>
    /// Why <paramref name="path"/> (which <see cref="Problem"/> accepts) has no baseline <paramref name="name"/> to compare
    /// with, read without changing anything; null when it has one.
    /// </summary>
    public static string? BaselineProblem(string path, string name)
    {
        if (!File.Exists(path))
        {
            return $"no baseline named '{name}': no history is recorded there yet";
        }

        try
        {
            using var store = OpenReadOnly(path);
            return store.HasTable("baselines") && store.GetBaseline(name) is not null ? null : $"no baseline named '{name}' (harness baseline set {name} RUN)";
        }
        catch (HistoryFileException e)
        {
            return e.Reason;
        }
    }

    /// <summary>An existing history opened read-only and checked to be one (nothing is created or migrated).</summary>
    private static HistoryStore OpenReadOnly(string path) => Connect(path, SqliteOpenMode.ReadOnly, "cannot be read");

    /// <summary>
    /// The connection, opened and checked to hold a harness history (or nothing yet); an SQLite error becomes a
    /// <see cref="HistoryFileException"/> naming the file, and nothing stays open when it fails.
    /// </summary>
    private static HistoryStore Connect(string path, SqliteOpenMode mode, string failing, Action<string>? afterInsert = null)
    {
        // No pooling: the file is closed when the store is disposed (tests delete it, CI uploads it).
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = mode };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var store = new HistoryStore(connection) { AfterInsert = afterInsert, Path = path };
            store.EnsureHistory();
            return store;
        }
        catch (SqliteException e)
        {
            // Not a database, a read-only file, a full disk: one exception type that names the file, the SQLite error inside.
            connection.Dispose();
            throw new HistoryFileException(path, NotAHistory(e) ?? $"{failing}: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string? KindProblem(string path)
    {
        if (Directory.Exists(path))
        {
            return "is a folder, not a history database";
        }

        if (!File.Exists(path))
        {
            return null;
        }

        if (!Harness.Platform.Files.UserFile.IsRegular(path))
        {
            return "is not a regular file (a device, FIFO or socket)";
        }

        // SQLite takes some short files for an empty database and overwrites them; a file that is not empty must be one.
        // (An empty file is an empty history: SQLite creates the file before it writes the first page.)
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var header = new byte[SqliteHeader.Length];
            var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            return read == 0 || (read == header.Length && header.AsSpan().SequenceEqual(SqliteHeader))
                ? null
                : "is not a history database (not an SQLite file)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {e.Message}";
        }
    }

    /// <summary>The first 16 bytes of every SQLite 3 database file.</summary>
    private static ReadOnlySpan<byte> SqliteHeader => "SQLite format 3\0"u8;

    /// <summary>SQLITE_NOTADB (26) and SQLITE_CORRUPT (11): the file is there but holds no database this can read.</summary>
    private static string? NotAHistory(SqliteException e) => e.SqliteErrorCode switch
    {
        26 => "is not a history database (SQLite: file is not a database)",
        11 => "is not a history database (SQLite: the database disk image is malformed)",
        _ => null,
    };

    /// <summary>An SQLite database with tables of its own but not ours is another program's: it is refused, never changed.</summary>
    private void EnsureHistory()
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        var tables = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (tables > 0 && !HasTable("meta"))
        {
            throw new HistoryFileException(Path, "is an SQLite database but not a harness history (it has no meta table)");
        }
    }

    private bool HasTable(string name)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $n";
        cmd.Parameters.AddWithValue("$n", name);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private void EnsureSchema()
    {
        Execute("""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS runs (
                id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT NOT NULL, profile TEXT NOT NULL,
                target_name TEXT NOT NULL, target_kind TEXT NOT NULL, gateway_url TEXT, provider TEXT,
                git_commit TEXT, hostname TEXT, kernel TEXT, os TEXT, cpus INTEGER, cpu_model TEXT, memory_bytes INTEGER,
                dotnet TEXT, harness_version TEXT, interrupted INTEGER NOT NULL, scenario_count INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS scenarios (
                run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, name TEXT NOT NULL, kind TEXT NOT NULL,
                status TEXT NOT NULL, scenario_hash TEXT, duration_s REAL NOT NULL, regression_tolerance REAL, PRIMARY KEY (run_id, name));
            CREATE TABLE IF NOT EXISTS metrics (
                run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, scenario TEXT NOT NULL, metric TEXT NOT NULL,
                unit TEXT NOT NULL, count INTEGER NOT NULL, min REAL, mean REAL, stddev REAL, p50 REAL, p90 REAL, p99 REAL,
                p999 REAL, max REAL, histogram TEXT, PRIMARY KEY (run_id, scenario, metric));
            CREATE TABLE IF NOT EXISTS baselines (name TEXT PRIMARY KEY, run_id TEXT NOT NULL REFERENCES runs(id), set_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS runs_started ON runs(started_at);
            PRAGMA foreign_keys = ON;
            """);
        AddColumnIfMissing("scenarios", "regression_tolerance", "REAL");
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', $v)";
        cmd.Parameters.AddWithValue("$v", SchemaVersion.ToString(CultureInfo.InvariantCulture));
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Records the run with all its metrics in one transaction; a run id already present is an error unless
    /// <paramref name="replace"/> (a run's checkpoints after each scenario, then its final row, replace each other).
    /// <paramref name="tolerances"/> holds each scenario's <c>regression.tolerance</c>, so a later <c>harness compare</c> applies it.
    /// </summary>
    public void Record(RunSummary run, IReadOnlyDictionary<string, double>? tolerances = null, bool replace = false)
    {
        using var tx = connection.BeginTransaction();
        if (replace)
        {
            foreach (var table in new[] { "metrics", "scenarios" })
            {
                using var delete = connection.CreateCommand();
                delete.Transaction = tx;
                delete.CommandText = $"DELETE FROM {table} WHERE run_id = $id";
                delete.Parameters.AddWithValue("$id", run.RunId);
                delete.ExecuteNonQuery();
            }

            using var deleteRun = connection.CreateCommand();
            deleteRun.Transaction = tx;
            deleteRun.CommandText = "DELETE FROM runs WHERE id = $id AND NOT EXISTS (SELECT 1 FROM baselines WHERE run_id = $id)";
            deleteRun.Parameters.AddWithValue("$id", run.RunId);
            deleteRun.ExecuteNonQuery();
        }

        Insert(tx, "runs", """
            INSERT INTO runs VALUES ($id, $started, $finished, $profile, $tname, $tkind, $gw, $provider, $git, $host, $kernel, $os,
                $cpus, $cpu, $mem, $dotnet, $hv, $interrupted, $count)
            """,
            ("$id", run.RunId), ("$started", Iso(run.StartedAt)), ("$finished", Iso(run.FinishedAt)), ("$profile", run.Profile),
            ("$tname", run.Target.Name), ("$tkind", run.Target.Kind), ("$gw", run.Target.GatewayUrl), ("$provider", run.Target.Provider),
            ("$git", run.Environment.GitCommit), ("$host", run.Environment.Hostname), ("$kernel", run.Environment.Kernel),
            ("$os", run.Environment.OperatingSystem), ("$cpus", run.Environment.Cpus), ("$cpu", run.Environment.CpuModel),
            ("$mem", run.Environment.MemoryBytes), ("$dotnet", run.Environment.DotnetVersion), ("$hv", run.Environment.HarnessVersion),
            ("$interrupted", run.Interrupted ? 1 : 0), ("$count", run.Scenarios.Count));
        foreach (var s in run.Scenarios)
        {
            Insert(tx, "scenarios", """
                INSERT INTO scenarios (run_id, name, kind, status, scenario_hash, duration_s, regression_tolerance)
                VALUES ($run, $name, $kind, $status, $hash, $dur, $tol)
                """,
                ("$run", run.RunId), ("$name", s.Name), ("$kind", s.Kind), ("$status", ScenarioStatuses.Word(s.Status)),
                ("$hash", s.ScenarioHash), ("$dur", s.Duration.TotalSeconds),
                ("$tol", tolerances is not null && tolerances.TryGetValue(s.Name, out var tol) ? tol : null));
            foreach (var (name, m) in s.Metrics.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Insert(tx, "metrics", "INSERT INTO metrics VALUES ($run, $scenario, $metric, $unit, $count, $min, $mean, $sd, $p50, $p90, $p99, $p999, $max, $hist)",
                    ("$run", run.RunId), ("$scenario", s.Name), ("$metric", name), ("$unit", m.Unit), ("$count", m.Count),
                    ("$min", m.Min), ("$mean", m.Mean), ("$sd", m.StdDev), ("$p50", m.P50), ("$p90", m.P90), ("$p99", m.P99),
                    ("$p999", m.P999), ("$max", m.Max), ("$hist", m.Histogram));
            }
        }

        tx.Commit();
    }

    /// <summary>Runs, newest first; with <paramref name="scenario"/>, only runs that include that scenario.</summary>
    public IReadOnlyList<HistoryRun> ListRuns(string? scenario = null, int limit = int.MaxValue)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = scenario is null
            ? "SELECT id FROM runs ORDER BY started_at DESC, id DESC LIMIT $limit"
            : "SELECT r.id FROM runs r WHERE EXISTS (SELECT 1 FROM scenarios s WHERE s.run_id = r.id AND s.name = $scenario) ORDER BY r.started_at DESC, r.id DESC LIMIT $limit";
        cmd.Parameters.AddWithValue("$limit", limit);
        if (scenario is not null)
        {
            cmd.Parameters.AddWithValue("$scenario", scenario);
        }

        var ids = new List<string>();
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }

        return ids.Select(id => Load(id)!).ToList();
    }

    /// <summary>The run with this id, or null.</summary>
    public HistoryRun? Load(string runId)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, started_at, profile, target_name, git_commit, hostname, interrupted FROM runs WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", runId);
        HistoryRun run;
        using (var r = cmd.ExecuteReader())
        {
            if (!r.Read())
            {
                return null;
            }

            run = new HistoryRun
            {
                RunId = r.GetString(0),
                StartedAt = DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture),
                Profile = r.GetString(2),
                TargetName = r.GetString(3),
                GitCommit = r.IsDBNull(4) ? null : r.GetString(4),
                Hostname = r.IsDBNull(5) ? null : r.GetString(5),
                Interrupted = r.GetInt64(6) != 0,
            };
        }

        var scenarios = new List<HistoryScenario>();
        using (var s = connection.CreateCommand())
        {
            s.CommandText = "SELECT name, kind, status, scenario_hash, regression_tolerance FROM scenarios WHERE run_id = $id ORDER BY rowid";
            s.Parameters.AddWithValue("$id", runId);
            using var r = s.ExecuteReader();
            while (r.Read())
            {
                scenarios.Add(new HistoryScenario(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                    r.IsDBNull(4) ? null : r.GetDouble(4)));
            }
        }

        var metrics = new List<HistoryMetric>();
        using (var m = connection.CreateCommand())
        {
            m.CommandText = "SELECT scenario, metric, unit, count, min, mean, stddev, p50, p90, p99, p999, max, histogram FROM metrics WHERE run_id = $id ORDER BY rowid";
            m.Parameters.AddWithValue("$id", runId);
            using var r = m.ExecuteReader();
            while (r.Read())
            {
                metrics.Add(new HistoryMetric(r.GetString(0), r.GetString(1), new MetricSummary
                {
                    Unit = r.GetString(2),
                    Count = r.GetInt64(3),
                    Min = Real(r, 4),
                    Mean = Real(r, 5),
                    StdDev = Real(r, 6),
                    P50 = Real(r, 7),
                    P90 = Real(r, 8),
                    P99 = Real(r, 9),
                    P999 = Real(r, 10),
                    Max = Real(r, 11),
                    Histogram = r.IsDBNull(12) ? null : r.GetString(12),
                }));
            }
        }

        return run with { Scenarios = scenarios, Metrics = metrics };
    }

    /// <summary>Pins <paramref name="name"/> to a recorded run (replacing any earlier pin).</summary>
    public void SetBaseline(string name, string runId, DateTimeOffset now)
    {
        if (Load(runId) is null)
        {
            throw new KeyNotFoundException($"no run '{runId}' in {Path}");
        }

        using var cmd = connection.CreateCommand();
        cmd.CommandText = "INSERT INTO baselines(name, run_id, set_at) VALUES ($n, $r, $t) ON CONFLICT(name) DO UPDATE SET run_id = $r, set_at = $t";
        cmd.Parameters.AddWithValue("$n", name);
        cmd.Parameters.AddWithValue("$r", runId);
        cmd.Parameters.AddWithValue("$t", Iso(now));
        cmd.ExecuteNonQuery();
    }

    /// <summary>The run id a named baseline points at, or null.</summary>
    public string? GetBaseline(string name)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT run_id FROM baselines WHERE name = $n";
        cmd.Parameters.AddWithValue("$n", name);
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>Every baseline name and the run it points at.</summary>
    public IReadOnlyDictionary<string, string> Baselines()
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT name, run_id FROM baselines ORDER BY name";
        using var r = cmd.ExecuteReader();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        while (r.Read())
        {
            result[r.GetString(0)] = r.GetString(1);
        }

        return result;
    }

    /// <summary>Row counts per table (tests check that nothing half-written is left).</summary>
    internal (long Runs, long Scenarios, long Metrics) Counts()
    {
        long Count(string table)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
            return (long)cmd.ExecuteScalar()!;
        }

        return (Count("runs"), Count("scenarios"), Count("metrics"));
    }

    public void Dispose() => connection.Dispose();

    private void Insert(SqliteTransaction tx, string table, string sql, params (string Name, object? Value)[] values)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in values)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        cmd.ExecuteNonQuery();
        AfterInsert?.Invoke(table);
    }

    // Databases written before a column existed get it added (NULL in old rows), so old histories keep working.
    private void AddColumnIfMissing(string table, string column, string type)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $c";
        cmd.Parameters.AddWithValue("$c", column);
        if ((long)cmd.ExecuteScalar()! == 0)
        {
            Execute($"ALTER TABLE {table} ADD COLUMN {column} {type}");
        }
    }

    private void Execute(string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static double Real(SqliteDataReader r, int i) => r.IsDBNull(i) ? double.NaN : r.GetDouble(i);

    private static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
