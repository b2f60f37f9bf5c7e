using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Harness.Testing;

/// <summary>A real Kestrel server on a free loopback port that records requests and answers with a script.</summary>
public sealed class TestGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Method, string Path, string? Authorization, string Body)> _requests = new();
    private readonly ConcurrentQueue<byte[]> _bodies = new();

    private TestGateway(WebApplication app) => _app = app;

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:40123</c> (no trailing slash).</summary>
    public string Url { get; private set; } = "";

    /// <summary>Every request received so far: method, path with query, Authorization header (null when absent) and body.</summary>
    public IReadOnlyList<(string Method, string Path, string? Authorization, string Body)> Requests => _requests.ToArray();

    /// <summary>The raw request bodies, in the order of <see cref="Requests"/>.</summary>
    public IReadOnlyList<byte[]> Bodies => _bodies.ToArray();

    /// <summary>Starts on a port the kernel picks; <paramref name="respond"/> answers each request, given its body as text.</summary>
    public static Task<TestGateway> StartAsync(Func<HttpContext, string, Task> respond) =>
        StartRawAsync((context, raw) => respond(context, System.Text.Encoding.UTF8.GetString(raw)));

    /// <summary>Starts on a port the kernel picks; <paramref name="respond"/> answers each request, given its body's bytes.</summary>
    public static async Task<TestGateway> StartRawAsync(Func<HttpContext, byte[], Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var gateway = new TestGateway(app);
        app.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var raw = buffer.ToArray();
            var body = System.Text.Encoding.UTF8.GetString(raw);
            gateway._bodies.Enqueue(raw);
            var authorization = context.Request.Headers.Authorization.ToString();
            gateway._requests.Enqueue((context.Request.Method, context.Request.Path + context.Request.QueryString, authorization.Length == 0 ? null : authorization, body));
            await respond(context, raw);
        });
        await app.StartAsync();
        gateway.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return gateway;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
