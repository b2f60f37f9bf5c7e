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

        var started = new List<(string Name, Uri Url, int Pid, IAsyncDisposable Owner)>();
        try
        {
            var forkServer = await BenchWatchdog.StartAsync(environment, dir, cancellationToken).ConfigureAwait(false);
            started.Add((ForkServerPath, forkServer.Url, forkServer.Pid, forkServer));
            var exec = await BenchWatchdog.StartAsync(new Dictionary<string, string>(environment) { ["fork_server"] = "false" }, dir, cancellationToken).ConfigureAwait(false);
            started.Add((ExecPath, exec.Url, exec.Pid, exec));
            foreach (var (name, binary) in new[] { ("OpenFaaS classic-watchdog", options.ClassicWatchdog), ("OpenFaaS of-watchdog (mode=serializing)", options.OfWatchdog) })
            {
                if (binary is not null)
                {
                    var theirs = await OpenFaasWatchdog.StartAsync(binary, environment, dir, cancellationToken).ConfigureAwait(false);
                    started.Add((name, theirs.Url, theirs.Pid, theirs));
                }
            }

            await WaitForForkServerAsync(forkServer, cancellationToken).ConfigureAwait(false);
            foreach (var path in started)
            {
                await load.MeasureAsync(path.Url, options.ForkConnections, TimeSpan.FromSeconds(1), cancellationToken, Body).ConfigureAwait(false);
            }

            var rounds = started.Select(_ => new List<ForkPathResult>()).ToArray();
            var seconds = Math.Max(1, Math.Round(options.Duration.TotalSeconds));
            for (var round = 1; round <= options.Rounds; round++)
            {
                for (var i = 0; i < started.Count; i++)
                {
                    var (name, url, pid, _) = started[i];
                    var before = ProcessCosts.Read(pid);
                    var treeBefore = ProcessTreeCpu.Seconds(pid, includeRoot: false);
                    var rps = await load.MeasureAsync(url, options.ForkConnections, options.Duration, cancellationToken, Body).ConfigureAwait(false);
                    var spent = ProcessCosts.Read(pid) - before;
                    var requests = rps * seconds;
                    var function = spent.ReapedCpuSeconds + ProcessTreeCpu.Seconds(pid, includeRoot: false) - treeBefore;
                    rounds[i].Add(new ForkPathResult(name, rps, spent.PerRequest("watchdog", requests), requests > 0 ? function * 1e6 / requests : 0));
                    progress($"fork python3: round {round}: {name}: {rps:F0} req/s");
                }
            }

            return rounds.Select(ForkPathResult.Median).ToList();
        }
        finally
        {
            foreach (var path in started)
            {
                await path.Owner.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task WaitForForkServerAsync(BenchWatchdog watchdog, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
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
