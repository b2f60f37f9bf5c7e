using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Harness.Testing;

/// <summary>A loopback HTTP server that answers at once, except that it freezes for <c>stall</c> at the end of every <c>period</c>.</summary>
/// <remarks>Requests that arrive during a freeze are held until it ends, like a server in a GC pause or a hung worker.</remarks>
public sealed class StallServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly TimeSpan period;
    private readonly TimeSpan stall;

    private StallServer(WebApplication app, TimeSpan period, TimeSpan stall)
    {
        this.app = app;
        this.period = period;
        this.stall = stall;
    }

    public Uri Url { get; private set; } = null!;

    public static async Task<StallServer> StartAsync(TimeSpan period, TimeSpan stall)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new StallServer(app, period, stall);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address + "/");
        server.clock.Restart();
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (period > TimeSpan.Zero)
        {
            var inPeriod = TimeSpan.FromTicks(clock.Elapsed.Ticks % period.Ticks);
            var stallStart = period - stall;
            if (inPeriod >= stallStart)
            {
                await Task.Delay(period - inPeriod).ConfigureAwait(false);
            }
        }

        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync("ok").ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
