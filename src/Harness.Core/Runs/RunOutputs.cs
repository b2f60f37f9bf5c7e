using Harness.Results;
using Microsoft.Data.Sqlite;

namespace Harness.Runs;

/// <summary>
/// Writes a run's files: a checkpoint after each scenario (results.json and the history row, each whole or not at all)
/// and the final outputs. A file that cannot be written becomes an <see cref="OutputError"/> naming it instead of an
/// exception that would lose the rest, and a history database this run created and could not fill is removed again.
/// </summary>
internal sealed class RunOutputs(RunRequest request)
{
    private readonly List<OutputError> _errors = [];
    private readonly bool _historyExisted = request.HistoryFile is { } h && File.Exists(h);
    private bool _historyWritten;

    private static readonly string[] OutputNames = ["results.json", "junit.xml", "report.pdf", "summary.md"];

    /// <summary>
    /// Removes the temporary files an earlier run left when it was killed in the instant of a write (a run killed while
    /// writing leaves its hidden <c>.tmp-NAME-GUID</c>; the file it was replacing is intact).
    /// </summary>
    public void RemoveStaleTemporaries()
    {
        if (!Directory.Exists(request.OutputDirectory))
        {
            return;
        }

        foreach (var name in OutputNames)
        {
            foreach (var stale in Directory.EnumerateFiles(request.OutputDirectory, $"{Harness.Platform.Local.AtomicFile.TempPrefix}{name}-*"))
            {
                Delete(stale);
            }
        }
    }

    /// <summary>Outputs of the final write that failed.</summary>
    public IReadOnlyList<OutputError> Errors => _errors;

    private string ResultsFile => Path.Combine(request.OutputDirectory, "results.json");

    /// <summary>
    /// Saves what was measured so far (marked interrupted, the scenarios still to run listed as not run). A failure here
    /// is not yet an error: the final write tries again, and only what it cannot write is reported.
    /// </summary>
    public void Checkpoint(RunSummary partial)
    {
        // History first: a results.json on disk then always has its history row beside it.
        TryRecord(partial, final: false);
        try
        {
            Harness.Platform.Local.AtomicFile.Write(ResultsFile, System.Text.Encoding.UTF8.GetBytes(RunSummaryJson.Serialize(partial)), Harness.Platform.Local.AtomicFile.Shared);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Records the finished run and compares it with its reference; a record that fails is an error.</summary>
    public (History.Comparison? Comparison, IReadOnlyList<Reports.Model.TrendPoint> Trends) RecordHistory(RunSummary summary, List<string> warnings)
        => TryRecord(summary, final: true) ? RunHistoryHook.Compare(summary, request, warnings) : (null, []);

    /// <summary>Runs <paramref name="write"/>; an I/O failure (or with <paramref name="anyError"/> any failure) is recorded against <paramref name="file"/>.</summary>
    public async Task<bool> TryWriteAsync(string file, Func<Task> write, bool anyError = false)
    {
        try
        {
            await write().ConfigureAwait(false);
            return true;
        }
#pragma warning disable CA1031 // the report is drawn by a library whose failures are all "report not written"; they must not lose the other files
        catch (Exception e) when (anyError || e is IOException or UnauthorizedAccessException)
#pragma warning restore CA1031
        {
            _errors.Add(new OutputError(file, Reason(e)));
            return false;
        }
    }

    private bool TryRecord(RunSummary summary, bool final)
    {
        if (request.HistoryFile is not { } path)
        {
            return false;
        }

        try
        {
            RunHistoryHook.Record(summary, request);
            _historyWritten = true;
            return true;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            if (!_historyExisted && !_historyWritten)
            {
                // SQLite creates the file before it can fail to fill it: a 0-byte history.db must not look like a history.
                Delete(path);
                Delete(path + "-journal");
            }

            if (final)
            {
                _errors.Add(new OutputError(path, Reason(e)));
            }

            return false;
        }
    }

    private static string Reason(Exception e) => e switch
    {
        SqliteException { SqliteErrorCode: 13 } or IOException { InnerException: SqliteException { SqliteErrorCode: 13 } } => "the disk is full (SQLite: database or disk is full)",
        SqliteException s => s.Message,
        _ when e.HResult == 28 || (e.HResult & 0xFFFF) == 28 => "no space left on device",
        _ => e.Message,
    };

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
