using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Harness.Distributed;

/// <summary>
/// The agent's HTTP/JSON endpoint: <c>POST /v1/prepare</c>, <c>POST /v1/start</c>, <c>GET /v1/status?from=K</c>,
/// <c>POST /v1/stop</c>, <c>POST /v1/shutdown</c>. The coordinator polls it (directly on loopback, or through the API
/// server's pod proxy in a cluster), so agents never need to reach the coordinator. Every request but <c>/healthz</c>
/// carries the run's token in <see cref="TokenHeader"/> (not <c>Authorization</c>, which the API server's proxy takes for
/// itself): an agent must not become a load generator for whoever finds its port.
/// </summary>
internal sealed class AgentServer : IAsyncDisposable
{
    /// <summary>The request header that carries the run's token.</summary>
    public const string TokenHeader = "X-Harness-Agent-Token";

    private readonly WebApplication app;
    private readonly AgentSession session;
    private readonly byte[] token;
    private readonly TaskCompletionSource shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long lastContact;

    private AgentServer(WebApplication app, AgentSession session, string token, TimeProvider time)
    {
        this.app = app;
        this.session = session;
        this.token = Encoding.UTF8.GetBytes(token);
        Time = time;
        lastContact = time.GetTimestamp();
    }

    /// <summary>The address the agent listens on (the real port when 0 was asked for).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Completes when the coordinator asks the agent to exit.</summary>
    public Task ShutdownRequested => shutdown.Task;

    /// <summary>How long since the coordinator last made a valid request.</summary>
    public TimeSpan SinceContact => Time.GetElapsedTime(Interlocked.Read(ref lastContact));

    public AgentSession Session => session;

    private TimeProvider Time { get; }

    public static async Task<AgentServer> StartAsync(string listen, string token, TimeProvider time, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listen);
        var app = builder.Build();
        var server = new AgentServer(app, new AgentSession(time), token, time);
        server.Map();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await session.DisposeAsync().ConfigureAwait(false);
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map()
    {
        app.MapGet("/healthz", () => Microsoft.AspNetCore.Http.Results.Text("ok\n"));
        app.MapGet("/v1/status", (HttpContext c) => Guarded(c, () =>
        {
            var from = int.TryParse(c.Request.Query["from"], out var k) ? k : 0;
            return Json(c, 200, session.Status(from));
        }));
        app.MapPost("/v1/prepare", (HttpContext c) => Guarded(c, async () =>
        {
            var work = await JsonSerializer.DeserializeAsync<AgentWork>(c.Request.Body, AgentJson.Options, c.RequestAborted).ConfigureAwait(false);
            var error = work is null ? "prepare: empty body" : session.Prepare(work);
            await Json(c, error is null ? 200 : 409, session.Status(0) with { Error = error }).ConfigureAwait(false);
        }));
        app.MapPost("/v1/start", (HttpContext c) => Guarded(c, async () =>
        {
            var start = await JsonSerializer.DeserializeAsync<AgentStart>(c.Request.Body, AgentJson.Options, c.RequestAborted).ConfigureAwait(false);
            var error = start is null ? "start: empty body" : session.Start(start);
            await Json(c, error is null ? 202 : 409, session.Status(0) with { Error = error, Snapshot = null }).ConfigureAwait(false);
        }));
        app.MapPost("/v1/stop", (HttpContext c) => Guarded(c, () =>
        {
            session.Stop();
            c.Response.StatusCode = 202;
            return Task.CompletedTask;
        }));
        app.MapPost("/v1/shutdown", (HttpContext c) => Guarded(c, () =>
        {
            session.Stop();
            shutdown.TrySetResult();
            c.Response.StatusCode = 202;
            return Task.CompletedTask;
        }));
    }

    private Task Guarded(HttpContext c, Func<Task> handle)
    {
        var presented = Encoding.UTF8.GetBytes(c.Request.Headers[TokenHeader].ToString());
        if (!CryptographicOperations.FixedTimeEquals(presented, token))
        {
            c.Response.StatusCode = 401;
            return Task.CompletedTask;
        }

        Interlocked.Exchange(ref lastContact, Time.GetTimestamp());
        return handle();
    }

    private static Task Json(HttpContext c, int status, AgentStatus body)
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(c.Response.Body, body, AgentJson.Options, c.RequestAborted);
    }
}
