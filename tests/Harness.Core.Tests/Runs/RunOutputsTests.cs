using System.Diagnostics;
using Harness.History;
using Harness.Reports;
using Harness.Reports.Model;
using Harness.Results;
using Harness.Runs;
using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Core.Tests.Runs;

/// <summary>A run keeps what it measured: a checkpoint after each scenario, and a full disk is an error naming the file with nothing partial left.</summary>
public sealed class RunOutputsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("harness-outputs-").FullName;

    [Fact]
    public async Task After_each_scenario_results_json_and_the_history_row_hold_what_was_measured_so_far()
    {
        var output = Path.Combine(dir, "out");
        var history = Path.Combine(output, "history.db");
        RunSummary? seenOnDisk = null;
        HistoryRun? seenInHistory = null;
        var runner = new CannedRunner(name =>
        {
            if (name == "second")
            {
                // What a kill -9 right now would leave behind.
                seenOnDisk = RunSummaryJson.Deserialize(File.ReadAllText(Path.Combine(output, "results.json")), "results.json");
                using var store = HistoryStore.OpenExisting(history);
                seenInHistory = store.ListRuns().Single();
            }
        });

        var outcome = await new RunService([runner]).RunAsync(Request(output, history, "first", "second", "third"), new NullRunObserver(), CancellationToken.None);

        Assert.NotNull(seenOnDisk);
        Assert.True(seenOnDisk.Interrupted);
        Assert.Equal(ScenarioStatus.Passed, seenOnDisk.Scenarios[0].Status);
        Assert.Equal(42, seenOnDisk.Scenarios[0].Counters["requests"]);
        Assert.Equal([ScenarioStatus.Skipped, ScenarioStatus.Skipped], seenOnDisk.Scenarios.Skip(1).Select(s => s.Status));
        Assert.NotNull(seenInHistory);
        Assert.True(seenInHistory.Interrupted);
        Assert.Equal(outcome.Summary.RunId, seenInHistory.RunId);

        // The final write replaces the checkpoint: one run, complete, in both.
        Assert.Equal(0, outcome.ExitCode);
        var final = await RunSummaryJson.ReadAsync(Path.Combine(output, "results.json"), CancellationToken.None);
        Assert.False(final.Interrupted);
        Assert.All(final.Scenarios, s => Assert.Equal(ScenarioStatus.Passed, s.Status));
        using var done = HistoryStore.OpenExisting(history);
        var run = Assert.Single(done.ListRuns());
        Assert.False(run.Interrupted);
        Assert.Empty(Directory.EnumerateFiles(output, ".tmp-*"));
    }

    [Fact]
    public async Task Temporary_files_of_a_run_killed_mid_write_are_removed_by_the_next_run()
    {
        var output = Directory.CreateDirectory(Path.Combine(dir, "stale")).FullName;
        var stale = Path.Combine(output, ".tmp-report.pdf-0123456789abcdef0123456789abcdef");
        File.WriteAllBytes(stale, []);
        var unrelated = Path.Combine(output, "notes.txt");
        File.WriteAllText(unrelated, "mine");

        await new RunService([new CannedRunner(_ => { })]).RunAsync(Request(output, null, "only"), new NullRunObserver(), CancellationToken.None);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public async Task A_full_disk_is_an_error_naming_the_file_with_no_partial_files_left()
    {
        using var disk = SmallDisk.TryMount(Path.Combine(dir, "full"), freeBytes: 0);
        if (disk is null)
        {
            return; // needs root to mount a tmpfs
        }

        var history = Path.Combine(disk.Path, "history.db");
        var outcome = await new RunService([new CannedRunner(_ => { })]).RunAsync(Request(disk.Path, history, "only"), new NullRunObserver(), CancellationToken.None);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(outcome.WriteErrors, e => e.File == Path.Combine(disk.Path, "results.json") && e.Reason.Contains("no space", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(outcome.WriteErrors, e => e.File == history);
        Assert.DoesNotContain(Path.Combine(disk.Path, "results.json"), outcome.Files);
        Assert.Equal(["filler"], Directory.EnumerateFileSystemEntries(disk.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task With_a_little_room_a_report_that_cannot_be_written_fails_the_run()
    {
        using var disk = SmallDisk.TryMount(Path.Combine(dir, "little"), freeBytes: 48 * 1024);
        if (disk is null)
        {
            return;
        }

        var request = Request(disk.Path, null, "only") with { WriteReport = RealReport };
        var outcome = await new RunService([new CannedRunner(_ => { })]).RunAsync(request, new NullRunObserver(), CancellationToken.None);

        Assert.Equal(1, outcome.ExitCode);
        var error = Assert.Single(outcome.WriteErrors);
        Assert.Equal(Path.Combine(disk.Path, "report.pdf"), error.File);
        Assert.DoesNotContain(outcome.Warnings, w => w.Contains("report", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(disk.Path, "results.json")));
        Assert.False(File.Exists(Path.Combine(disk.Path, "report.pdf")));
        Assert.Empty(Directory.EnumerateFiles(disk.Path, ".tmp-*"));
        Assert.Empty(Directory.EnumerateFiles(disk.Path, "*.tmp"));
    }

    [Fact]
    public async Task A_stop_that_arrives_during_the_report_exits_130_with_every_file_written()
    {
        using var stop = new CancellationTokenSource();
        var output = Path.Combine(dir, "stopped");
        var request = Request(output, null, "only") with
        {
            // SIGTERM lands while the report is drawn: the scenarios are done, the report still finishes.
            WriteReport = (run, directory, options) =>
            {
                stop.Cancel();
                return RealReport(run, directory, options);
            },
        };

        var outcome = await new RunService([new CannedRunner(_ => { })]).RunAsync(request, new NullRunObserver(), stop.Token);

        Assert.Equal(130, outcome.ExitCode);
        Assert.True(File.Exists(Path.Combine(output, "report.pdf")));
        Assert.True(File.Exists(Path.Combine(output, "results.json")));
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    // The writer `harness run` hands the service (the CLI's ReportHook): the real PDF and Markdown, so a full disk fails it for real.
    private static IReadOnlyList<string> RealReport(RunSummary run, string directory, ReportOptions options)
    {
        var files = ReportGenerator.WriteAll(run, directory, options);
        return [files.Pdf, files.Markdown];
    }

    private RunRequest Request(string output, string? history, params string[] names) => new()
    {
        Scenarios = [.. names.Select(n => ScenarioFileParser.Parse($$"""
            name: {{n}}
            target: {url: "http://127.0.0.1:9/"}
            load: {model: constant-arrival-rate, rate: 1, duration: 1s}
            """, Path.Combine(dir, n + ".yml")).Scenario!)],
        StartTarget = _ => Task.FromResult<IRunTarget>(new UrlOnlyTarget()),
        OutputDirectory = output,
        HistoryFile = history,
    };

    private sealed class CannedRunner(Action<string> during) : IScenarioRunner
    {
        public string Kind => "http";

        public Task<ScenarioResult> RunAsync(ScenarioDefinition scenario, ScenarioRunContext context, CancellationToken cancellationToken)
        {
            during(scenario.Name);
            return Task.FromResult(new ScenarioResult
            {
                Name = scenario.Name,
                Kind = "http",
                Status = ScenarioStatus.Passed,
                StartedAt = DateTimeOffset.UtcNow,
                Duration = TimeSpan.FromSeconds(1),
                Counters = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["requests"] = 42 },
            });
        }
    }

    /// <summary>A tmpfs the test mounts (as root) and fills to leave <c>freeBytes</c>; unmounted on dispose.</summary>
    private sealed class SmallDisk : IDisposable
    {
        private SmallDisk(string path) => Path = path;

        public string Path { get; }

        public static SmallDisk? TryMount(string path, long freeBytes)
        {
            if (!Environment.IsPrivilegedProcess)
            {
                return null;
            }

            Directory.CreateDirectory(path);
            Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", path);
            var disk = new SmallDisk(path);
            try
            {
                var free = new DriveInfo(path).AvailableFreeSpace;
                // Unbuffered: a failed write leaves nothing for Dispose to flush, so the file closes and the disk unmounts.
                using var filler = new FileStream(System.IO.Path.Combine(path, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
                var chunk = new byte[4096];
                for (var left = free - freeBytes; left > 0; left -= chunk.Length)
                {
                    filler.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
                }
            }
            catch (IOException)
            {
                // Full already: exactly what freeBytes 0 asks for.
            }

            return disk;
        }

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Run("umount", Path);
        }

        private static void Run(string file, params string[] args)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardError = true };
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            using var p = Process.Start(start)!;
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)}: {p.StandardError.ReadToEnd()}");
        }
    }
}
