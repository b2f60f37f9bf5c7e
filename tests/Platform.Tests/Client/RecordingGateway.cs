using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Tests.Client;

/// <summary>A real Kestrel server on a free loopback port that records every request and answers with a script.</summary>
internal sealed class RecordingGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private RecordingGateway(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <param name="respond">Writes the response for a recorded request.</param>
    public static async Task<RecordingGateway> StartAsync(Func<RecordedRequest, HttpContext, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var gateway = new RecordingGateway(app);
        app.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var recorded = new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                buffer.ToArray());
            gateway._requests.Enqueue(recorded);
            await respond(recorded, context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway.Url = new Uri(address);
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
