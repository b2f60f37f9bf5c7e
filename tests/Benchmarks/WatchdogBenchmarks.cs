using BenchmarkDotNet.Attributes;
using Harness.Watchdog.Config;
using Harness.Watchdog.Execution;
using Harness.Watchdog.Health;
using Harness.Watchdog.Http;
using Harness.Watchdog.Metrics;

namespace Harness.Benchmarks;

/// <summary>
/// The watchdog's per-request path in http mode, in process: <c>RequestDispatcher</c> (routing, in-flight limiter,
/// deadline, metrics) → <c>HttpProxyHandler</c> (request copy, keep-alive HTTP/1.1 to a loopback upstream, header and
/// body copy back). Kestrel's own parsing on the watchdog side is not in it; <c>harness bench watchdog</c> covers the whole process.
/// </summary>
[MemoryDiagnoser]
public class WatchdogBenchmarks
{
    private static readonly byte[] Payload = new byte[1024];
    private LoopbackUpstream upstream = null!;

    /// <summary>The upstream, for tests that check what reached it.</summary>
    internal LoopbackUpstream Upstream => upstream;
    private UpstreamSupervisor supervisor = null!;
    private HttpProxyHandler handler = null!;
    private RequestDispatcher dispatcher = null!;

    [GlobalSetup]
    public void Setup()
    {
        upstream = LoopbackUpstream.StartAsync().GetAwaiter().GetResult();
        var config = new WatchdogConfig
        {
            // The supervisor needs a child to watch; the upstream it probes is the in-process server above.
            Fprocess = ["sleep", "600"],
            Mode = WatchdogMode.Http,
            UpstreamUrl = upstream.Url,
            BindAddress = "127.0.0.1",
            SuppressLock = true,
            ExecTimeout = TimeSpan.FromSeconds(10),
        };
        supervisor = new UpstreamSupervisor(config.Fprocess, upstream.Url);
        supervisor.Start();
        using (var ready = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            if (!supervisor.WaitReadyAsync(ready.Token).GetAwaiter().GetResult())
            {
                throw new InvalidOperationException($"the loopback upstream {upstream.Url} was not reported ready within 10 s");
            }
        }

        handler = new HttpProxyHandler(config, supervisor);
        var health = new HealthState(new LockFile(config.LockPath, suppressed: true), () => handler.Ready);
        health.StartAccepting();
        dispatcher = new RequestDispatcher(config, handler, health, new InflightLimiter(0), new WatchdogMetrics());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        handler.Dispose();
        supervisor.DisposeAsync().AsTask().GetAwaiter().GetResult();
        upstream.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public Task<long> ProxyGet() => InvokeAsync(LoopbackUpstream.Context("GET", "/"));

    [Benchmark]
    public Task<long> ProxyPost1KiB() => InvokeAsync(LoopbackUpstream.Context("POST", "/", Payload));

    [Benchmark]
    public Task<long> Health() => InvokeAsync(LoopbackUpstream.Context("GET", "/_/health"));

    private async Task<long> InvokeAsync(Microsoft.AspNetCore.Http.DefaultHttpContext context)
    {
        await dispatcher.InvokeAsync(context).ConfigureAwait(false);
        if (context.Response.StatusCode != 200)
        {
            throw new InvalidOperationException($"{context.Request.Method} {context.Request.Path}: status {context.Response.StatusCode}");
        }

        return context.Response.Body.Length;
    }
}
