using BenchmarkDotNet.Attributes;
using Harness.Bench;
using Harness.Platform.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Harness.Benchmarks;

/// <summary>
/// The gateway's forward path, in process: <c>InvocationHandler</c> (function name, call id, replica pick, traffic
/// accounting, request headers) → the platform's <c>Http11Forwarder</c> over its pooled connections → a loopback upstream,
/// and the response copied back. Kestrel, routing and the metrics middleware are not in it; <c>harness bench gateway</c>
/// covers the whole chain.
/// </summary>
[MemoryDiagnoser]
public class GatewayBenchmarks
{
    private const string Function = "bench";
    private static readonly byte[] Payload = new byte[1024];
    private LoopbackUpstream upstream = null!;

    /// <summary>The upstream, for tests that check what reached it.</summary>
    internal LoopbackUpstream Upstream => upstream;
    private WebApplication gateway = null!;
    private InvocationHandler handler = null!;

    [GlobalSetup]
    public void Setup()
    {
        upstream = LoopbackUpstream.StartAsync().GetAwaiter().GetResult();
        // Built, never started: the benchmark calls the invocation handler the routes would call.
        gateway = GatewayHost.Build(new GatewayHostSettings
        {
            Provider = new FixedEndpointProvider(Function, upstream.Url),
            Scaling = false,
        });
        handler = gateway.Services.GetRequiredService<InvocationHandler>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        gateway.DisposeAsync().AsTask().GetAwaiter().GetResult();
        upstream.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public Task<long> ForwardGet() => ForwardAsync(LoopbackUpstream.Context("GET", $"/function/{Function}"));

    [Benchmark]
    public Task<long> ForwardPost1KiB() => ForwardAsync(LoopbackUpstream.Context("POST", $"/function/{Function}/orders", Payload));

    private async Task<long> ForwardAsync(DefaultHttpContext context)
    {
        context.Request.RouteValues["name"] = Function;
        context.RequestServices = gateway.Services;
        await handler.InvokeAsync(context).ConfigureAwait(false);
        if (context.Response.StatusCode != 200)
        {
            throw new InvalidOperationException($"{context.Request.Method} {context.Request.Path}: status {context.Response.StatusCode}");
        }

        return context.Response.Body.Length;
    }
}
