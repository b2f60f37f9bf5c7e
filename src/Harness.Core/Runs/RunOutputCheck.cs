using Harness.History;
using Harness.Platform.Contracts;

namespace Harness.Runs;

/// <summary>
/// The output folder, the history file and the baseline of a run, checked before anything runs (and by <c>--dry-run</c>):
/// a run that measured for minutes must not only then find that <c>--out</c> is a file or <c>--history</c> no database.
/// Nothing is created or changed; a folder is probed for writing with a file that is deleted as it closes.
/// </summary>
internal static class RunOutputCheck
{
    public static IReadOnlyList<Diagnostic> Problems(string outputDirectory, string? historyFile, string? baseline)
    {
        var problems = new List<Diagnostic>();
        if (FolderProblem(outputDirectory) is { } output)
        {
            problems.Add(Diagnostic.ForFile(outputDirectory, "--out", output));
        }

        var historyFolder = historyFile is null ? null : Path.GetDirectoryName(Path.GetFullPath(historyFile))!;
        if (historyFile is null || (historyFolder == Path.GetFullPath(outputDirectory) && problems.Count > 0))
        {
            return problems; // no history, or one inside the output folder whose error is already said
        }

        var history = File.Exists(historyFile) || Directory.Exists(historyFile) ? HistoryStore.Problem(historyFile) : FolderProblem(historyFolder!);
        if (history is not null)
        {
            problems.Add(Diagnostic.ForFile(historyFile, "--history", history));
        }
        else if (baseline is not null && HistoryStore.BaselineProblem(historyFile, baseline) is { } missing)
        {
            problems.Add(Diagnostic.ForFile(historyFile, "--baseline", missing));
        }

        return problems;
    }

    /// <summary>Why files cannot be written in <paramref name="folder"/> (created when missing), or null.</summary>
    private static string? FolderProblem(string folder)
    {
        if (File.Exists(folder))
        {
            return "is a file, not a folder";
        }

        var existing = NearestExisting(Path.GetFullPath(folder));
        if (existing is not null && File.Exists(existing))
        {
            return $"cannot be created: {existing} is a file, not a folder";
        }

        if (existing is null)
        {
            return null;
        }

        try
        {
            // The folder itself, or the one it would be created in.
            using var probe = new FileStream(Path.Combine(existing, $"{Harness.Platform.Local.AtomicFile.TempPrefix}probe-{Guid.NewGuid():N}"),
                FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return existing == Path.GetFullPath(folder) ? $"cannot be written: {e.Message}" : $"cannot be created in {existing}: {e.Message}";
        }
    }

    private static string? NearestExisting(string? path)
    {
        for (var p = path; !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            if (Directory.Exists(p) || File.Exists(p))
            {
                return p;
            }
        }

        return null;
    }
}
