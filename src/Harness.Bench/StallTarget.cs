using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Harness.Bench;

/// <summary>A loopback HTTP server that answers at once but freezes for <c>stall</c> at the end of every <c>period</c> (wrk2's demonstration target).</summary>
internal sealed class StallTarget : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly TimeSpan period;
    private readonly TimeSpan stall;

    private StallTarget(WebApplication app, TimeSpan period, TimeSpan stall, Uri url)
    {
        this.app = app;
        this.period = period;
        this.stall = stall;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<StallTarget> StartAsync(int port, TimeSpan period, TimeSpan stall, CancellationToken cancellationToken)
    {
        port = port == 0 ? FreePort.Pick() : port;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var target = new StallTarget(app, period, stall, new Uri($"http://127.0.0.1:{port}/"));
        app.Run(target.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        target.clock.Restart();
        return target;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (period > TimeSpan.Zero)
        {
            var inPeriod = TimeSpan.FromTicks(clock.Elapsed.Ticks % period.Ticks);
            if (inPeriod >= period - stall)
            {
                // Held until the freeze ends, like every request that reaches a paused server.
                await Task.Delay(period - inPeriod, context.RequestAborted).ConfigureAwait(false);
            }
        }

        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync("ok\n", context.RequestAborted).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
