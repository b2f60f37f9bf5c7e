using Harness.Platform;
using Harness.Platform.Contracts;
using Harness.Platform.Scheduling;
using Harness.Statistics;

namespace Harness.Bench;

/// <summary>
/// The gateway's cost in one run: the same nginx upstream hit directly, through the watchdog (http mode), and through
/// gateway → watchdog → upstream, alternating every round so the noise of a shared machine hits all of them alike; with
/// OpenFaaS's binaries, OpenFaaS's own chain in the same rounds, in a network namespace of the bench's own.
/// </summary>
internal sealed class GatewayBenchmark(GatewayBenchOptions options, WrkLatencyLoad load, Action<string> progress)
{
    /// <summary>The chain over the watchdog's Unix socket (the local provider's way in) under the default policy.</summary>
    public const string UnixPath = "gateway → watchdog (Unix socket) → upstream";

    /// <summary>The path measured under SCHED_BATCH (gateway, watchdog and function; wrk stays under the default policy).</summary>
    public const string BatchPath = UnixPath + ", SCHED_BATCH";

    /// <summary>OpenFaaS's own chain, when its binaries are given, measured in the same rounds.</summary>
    public const string OpenFaasPath = "OpenFaaS gateway → provider → of-watchdog → upstream";

    /// <summary>The cost row of the upstream, the function's own process tree, on every path.</summary>
    public const string UpstreamProcess = "upstream (nginx)";

    private const string OpenFaasGateway = "OpenFaaS gateway";
    private const string OpenFaasProvider = "provider (faas-provider proxy)";
    private const string OpenFaasWatchdog = "of-watchdog";
    private const string Function = "bench";
    private const string UnixFunction = "bench-unix";
    private const string BatchFunction = "bench-batch";

    public async Task<IReadOnlyList<GatewayBenchRow>> RunAsync(CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "harness-bench-gw-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(scratch);
        try
        {
            var upstream = BenchUpstream.Nginx(scratch) ?? throw new InvalidOperationException("nginx (/usr/sbin/nginx) is needed as the trivial upstream");
            // The same watchdog also listens on a Unix socket: the gateway reaches it either way, one path each.
            var socket = Path.Combine(scratch, "watchdog.sock");
            var environment = new Dictionary<string, string>(upstream.WatchdogEnvironment) { ["unix_socket"] = socket };
            await using var watchdog = await BenchWatchdog.StartAsync(environment, upstream.WorkingDirectory, cancellationToken).ConfigureAwait(false);
            // `platform up --sched-batch` as a replica sees it: its own watchdog with sched_batch=true (its nginx inherits
            // the policy), and this process, the gateway, moved to SCHED_BATCH for that path's runs only.
            var batchScratch = Directory.CreateDirectory(Path.Combine(scratch, "batch")).FullName;
            var batchUpstream = BenchUpstream.Nginx(batchScratch)!;
            var batchSocket = Path.Combine(batchScratch, "watchdog.sock");
            var batchEnvironment = new Dictionary<string, string>(batchUpstream.WatchdogEnvironment) { ["unix_socket"] = batchSocket, ["sched_batch"] = "true" };
            await using var batchWatchdog = await BenchWatchdog.StartAsync(batchEnvironment, batchUpstream.WorkingDirectory, cancellationToken).ConfigureAwait(false);
            await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
            {
                Port = 0,
                StateDirectory = Path.Combine(scratch, "state"),
                ProviderFactory = (_, _) => ValueTask.FromResult<IFunctionProvider>(new FixedEndpointProvider(new Dictionary<string, FunctionEndpoint>
                {
                    [Function] = new(Function + "-0", watchdog.Url),
                    [UnixFunction] = new(UnixFunction + "-0", watchdog.Url) { UnixSocket = socket },
                    [BatchFunction] = new(BatchFunction + "-0", batchWatchdog.Url) { UnixSocket = batchSocket },
                })),
            }, cancellationToken).ConfigureAwait(false);

            // The processes each path goes through, counted per request: upstream; watchdog + upstream; gateway (this
            // process, the embedded platform) + watchdog + upstream. wrk is a process of its own and not counted.
            var gateway = ("gateway", Environment.ProcessId);
            var paths = new List<ChainPath>
            {
                new("upstream direct (nginx)", upstream.DirectUrl, false, null, [], watchdog.Pid),
                new("watchdog (http mode) → upstream", watchdog.Url, false, null, [("watchdog", watchdog.Pid)], watchdog.Pid),
                new("gateway → watchdog → upstream", new Uri(platform.Url, $"function/{Function}"), false, null, [gateway, ("watchdog", watchdog.Pid)], watchdog.Pid),
                new(UnixPath, new Uri(platform.Url, $"function/{UnixFunction}"), false, null, [gateway, ("watchdog", watchdog.Pid)], watchdog.Pid),
                new(BatchPath, new Uri(platform.Url, $"function/{BatchFunction}"), true, null, [gateway, ("watchdog", batchWatchdog.Pid)], batchWatchdog.Pid),
            };

            await using var openFaas = options.OpenFaas is { } binaries
                ? await OpenFaasChain.StartAsync(binaries, Directory.CreateDirectory(Path.Combine(scratch, "openfaas")).FullName, cancellationToken).ConfigureAwait(false)
                : null;
            if (openFaas is not null)
            {
                paths.Add(new(OpenFaasPath, openFaas.Url, false, openFaas.Netns,
                    [(OpenFaasGateway, openFaas.GatewayPid), (OpenFaasProvider, openFaas.ProviderPid), (OpenFaasWatchdog, openFaas.WatchdogPid)], openFaas.WatchdogPid));
            }

            // One short unmeasured run each warms the JIT, the connection pools and the upstream.
            foreach (var path in paths)
            {
                progress($"warm-up: {path.Name}");
                await MeasureAsync(path, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }

            var figures = paths.Select(_ => new List<LoadFigures>()).ToArray();
            var costs = paths.Select(_ => new List<PerRequestCost[]>()).ToArray();
            var seconds = Math.Max(1, Math.Round(options.Duration.TotalSeconds)); // wrk runs whole seconds
            for (var round = 1; round <= options.Rounds; round++)
            {
                for (var i = 0; i < paths.Count; i++)
                {
                    var path = paths[i];
                    var before = path.Processes.Select(p => ProcessCosts.Read(p.Pid)).ToArray();
                    var upstream0 = ProcessTreeCpu.Seconds(path.UpstreamParent, includeRoot: false);
                    var f = await MeasureAsync(path, options.Duration, cancellationToken).ConfigureAwait(false);
                    var requests = f.RequestsPerSecond * seconds;
                    var upstreamMicros = (ProcessTreeCpu.Seconds(path.UpstreamParent, includeRoot: false) - upstream0) * 1e6 / Math.Max(requests, 1);
                    figures[i].Add(f);
                    costs[i].Add(
                    [
                        .. path.Processes.Select((p, k) => (ProcessCosts.Read(p.Pid) - before[k]).PerRequest(p.Process, requests)),
                        new PerRequestCost(UpstreamProcess, upstreamMicros, double.NaN, double.NaN),
                    ]);
                    progress($"round {round}/{options.Rounds}: {path.Name}: {f.RequestsPerSecond:N0} req/s, p99 {f.P99Ms:0.##} ms");
                }
            }

            var direct = SampleMedian.Of(figures[0].Select(f => f.RequestsPerSecond));
            return paths.Select((p, i) =>
            {
                var rps = SampleMedian.Of(figures[i].Select(f => f.RequestsPerSecond));
                var medians = costs[i][0].Select((c, k) => new PerRequestCost(
                    c.Process,
                    SampleMedian.Of(costs[i].Select(r => r[k].CpuMicros)),
                    SampleMedian.Of(costs[i].Select(r => r[k].Switches)),
                    SampleMedian.Of(costs[i].Select(r => r[k].InvoluntarySwitches)))).ToList();
                return new GatewayBenchRow(p.Name, rps, SampleMedian.Of(figures[i].Select(f => f.P99Ms)), direct > 0 ? rps / direct : 0) { Costs = medians };
            }).ToList();
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private async Task<LoadFigures> MeasureAsync(ChainPath path, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (!path.Batch)
        {
            return await load.MeasureAsync(path.Url, options.Threads, options.Connections, duration, cancellationToken, path.Netns).ConfigureAwait(false);
        }

        if (BatchScheduling.Apply() is { Applied: false, Error: { } error })
        {
            BatchScheduling.Revert();
            throw new InvalidOperationException(error);
        }

        try
        {
            return await load.MeasureAsync(path.Url, options.Threads, options.Connections, duration, cancellationToken, path.Netns).ConfigureAwait(false);
        }
        finally
        {
            BatchScheduling.Revert();
        }
    }
}
