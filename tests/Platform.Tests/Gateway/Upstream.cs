using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Tests.Gateway;

/// <summary>
/// A real function replica on loopback (Kestrel on port 0). <c>/slow?ms=N</c> answers late, <c>/hold</c> waits for
/// <see cref="ReleaseHeld"/>, <c>/status/N</c> answers N; anything else echoes what arrived as JSON.
/// </summary>
internal sealed class Upstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;
    private int _calls;

    private Upstream(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    public string Name { get; }

    public Uri Url { get; private set; } = null!;

    public int Calls => Volatile.Read(ref _calls);

    public int Held => Volatile.Read(ref _held);

    /// <summary>Starts on a loopback port, and also on <paramref name="unixSocket"/> when given.</summary>
    public static async Task<Upstream> StartAsync(string name, string? unixSocket = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            if (unixSocket is not null)
            {
                k.ListenUnixSocket(unixSocket);
            }
        });
        var app = builder.Build();
        var upstream = new Upstream(app, name);
        app.Run(upstream.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(a => a.StartsWith("http://127.", StringComparison.Ordinal));
        upstream.Url = new Uri(address.EndsWith('/') ? address : address + "/");
        return upstream;
    }

    public void ReleaseHeld() => Interlocked.Exchange(ref _release, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        var path = context.Request.Path.Value ?? "/";
        if (path == "/slow")
        {
            var ms = int.Parse(context.Request.Query["ms"].ToString(), CultureInfo.InvariantCulture);
            try
            {
                await Task.Delay(ms, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        else if (path == "/hold")
        {
            Interlocked.Increment(ref _held);
            await Volatile.Read(ref _release).Task.WaitAsync(context.RequestAborted);
            Interlocked.Decrement(ref _held);
        }
        else if (path.StartsWith("/status/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = int.Parse(path["/status/".Length..], CultureInfo.InvariantCulture);
            await context.Response.WriteAsync("status from " + Name);
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var echo = new Dictionary<string, string?>
        {
            ["server"] = Name,
            ["method"] = context.Request.Method,
            ["path"] = path,
            ["query"] = context.Request.QueryString.Value,
            ["callId"] = context.Request.Headers["X-Call-Id"].ToString(),
            ["startTime"] = context.Request.Headers["X-Start-Time"].ToString(),
            ["forwardedFor"] = context.Request.Headers["X-Forwarded-For"].ToString(),
            ["forwardedHost"] = context.Request.Headers["X-Forwarded-Host"].ToString(),
            ["body"] = body,
        };
        context.Response.ContentType = "application/json";
        context.Response.Headers["X-Call-Id"] = "upstream-must-not-win";
        await context.Response.WriteAsync(JsonSerializer.Serialize(echo));
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseHeld();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
