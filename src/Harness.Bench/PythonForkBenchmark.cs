using System.Diagnostics;
using Harness.Platform.Templates;

namespace Harness.Bench;

/// <summary>
/// Fork mode with the classic python3 template (upstream's index.py, a 13-byte POST as in issue 18): the watchdog's fork
/// server against its own exec path and, when their binaries are given, OpenFaaS's classic-watchdog and of-watchdog,
/// all started at once and measured in alternating rounds. Each path's watchdog and function processes are costed.
/// </summary>
internal sealed class PythonForkBenchmark(WatchdogBenchOptions options, ILoopbackLoad load, Action<string> progress)
{
    /// <summary>The request body: 13 bytes.</summary>
    public const string Body = "Hello, world!";

    /// <summary>Name of the fork server path (the row every other path is compared with).</summary>
    public const string ForkServerPath = "Harness watchdog, fork server";

    /// <summary>Name of the exec path.</summary>
    public const string ExecPath = "Harness watchdog, exec per request (fork_server=false)";

    private const string UpstreamIndex = """
        import sys
        from function import handler

        def get_stdin():
            buf = ""
            while(True):
                line = sys.stdin.readline()
                buf += line
                if line == "":
                    break
            return buf

        if __name__ == "__main__":
            st = get_stdin()
            ret = handler.handle(st)
            if ret != None:
                print(ret)

        """;

    /// <summary>Measured paths (medians of the rounds), fork server first; empty without a Python 3.</summary>
    public async Task<IReadOnlyList<ForkPathResult>> RunAsync(string scratch, CancellationToken cancellationToken)
    {
        if (PythonInterpreter.Path is not { } python)
        {
            progress("fork: python3 template skipped: no Python 3 found");
            return [];
        }

        var dir = Path.Combine(scratch, "python3-classic");
        Directory.CreateDirectory(Path.Combine(dir, "function"));
        await File.WriteAllTextAsync(Path.Combine(dir, "index.py"), UpstreamIndex, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(dir, "function", "__init__.py"), "", cancellationToken).ConfigureAwait(false);
        // The parent's pid tells the bench whether the fork server (its pid) or the watchdog (exec path) started this process.
        await File.WriteAllTextAsync(Path.Combine(dir, "function", "handler.py"),
            "import os\n\ndef handle(req):\n    return \"%d %s\" % (os.getppid(), req)\n", cancellationToken).ConfigureAwait(false);
        var environment = new Dictionary<string, string> { ["fprocess"] = $"{python} index.py", ["mode"] = "serializing" };

        // OpenFaaS's watchdogs serve metrics on port 8081 whatever they are told, so only one of them can run at a time:
        // each is started for its own runs and stopped after them. Harness's two run throughout.
        var theirs = new[] { ("OpenFaaS classic-watchdog", options.ClassicWatchdog), ("OpenFaaS of-watchdog (mode=serializing)", options.OfWatchdog) }
            .Where(p => p.Item2 is not null).Select(p => (Name: p.Item1, Binary: p.Item2!)).ToList();
        await using var forkServer = await BenchWatchdog.StartAsync(environment, dir, cancellationToken).ConfigureAwait(false);
        await using var exec = await BenchWatchdog.StartAsync(new Dictionary<string, string>(environment) { ["fork_server"] = "false" }, dir, cancellationToken).ConfigureAwait(false);
        await WaitForForkServerAsync(forkServer, cancellationToken).ConfigureAwait(false);
        var ours = new[] { (Name: ForkServerPath, forkServer.Url, forkServer.Pid), (Name: ExecPath, exec.Url, exec.Pid) };
        foreach (var path in ours)
        {
            await load.MeasureAsync(path.Url, options.ForkConnections, TimeSpan.FromSeconds(1), cancellationToken, Body).ConfigureAwait(false);
        }

        var rounds = new Dictionary<string, List<ForkPathResult>>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var (name, url, pid) in ours)
            {
                await MeasureAsync(name, url, pid, round, rounds, cancellationToken).ConfigureAwait(false);
            }

            foreach (var (name, binary) in theirs)
            {
                await using var watchdog = await OpenFaasWatchdog.StartAsync(binary, environment, dir, cancellationToken).ConfigureAwait(false);
                await MeasureAsync(name, watchdog.Url, watchdog.Pid, round, rounds, cancellationToken).ConfigureAwait(false);
            }
        }

        return rounds.Values.Select(ForkPathResult.Median).ToList();
    }

    private async Task MeasureAsync(string name, Uri url, int pid, int round, Dictionary<string, List<ForkPathResult>> rounds, CancellationToken cancellationToken)
    {
        var before = ProcessCosts.Read(pid);
        var treeBefore = ProcessTreeCpu.Seconds(pid, includeRoot: false);
        var rps = await load.MeasureAsync(url, options.ForkConnections, options.Duration, cancellationToken, Body).ConfigureAwait(false);
        var spent = ProcessCosts.Read(pid) - before;
        // wrk runs whole seconds.
        var requests = rps * Math.Max(1, Math.Round(options.Duration.TotalSeconds));
        var function = spent.ReapedCpuSeconds + ProcessTreeCpu.Seconds(pid, includeRoot: false) - treeBefore;
        if (!rounds.TryGetValue(name, out var list))
        {
            rounds[name] = list = [];
        }

        list.Add(new ForkPathResult(name, rps, spent.PerRequest("watchdog", requests), requests > 0 ? function * 1e6 / requests : 0));
        progress($"fork python3: round {round}: {name}: {rps:F0} req/s");
    }

    private static async Task WaitForForkServerAsync(BenchWatchdog watchdog, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var response = await client.PostAsync(watchdog.Url, new StringContent(Body), cancellationToken).ConfigureAwait(false);
            var parent = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Split(' ')[0];
            if (response.IsSuccessStatusCode && int.TryParse(parent, out var pid) && pid != watchdog.Pid)
            {
                return;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException("the watchdog's fork server did not serve a request within 30s; see its log (fork server: ...)");
    }
}
