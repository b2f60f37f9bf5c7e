using System.Net;
using Harness.Platform.Http11;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Tests.Http11;

/// <summary>
/// Kestrel on loopback forwarding every request to one upstream with <see cref="Http11Forwarder"/>; a failed call is
/// answered 599 with the error's name as its body (unless the response had started), and the last result is kept.
/// </summary>
internal sealed class ForwardingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ForwardingProxy(WebApplication app, Http11ConnectionPool pool)
    {
        _app = app;
        Pool = pool;
    }

    public Uri Url { get; private set; } = null!;

    public Http11ConnectionPool Pool { get; }

    public Http11ForwardError LastResult { get; private set; }

    public HttpClient Client { get; } = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });

    public static async Task<ForwardingProxy> StartAsync(Http11Endpoint upstream, TimeSpan? activityTimeout = null, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var pool = new Http11ConnectionPool(TimeProvider.System);
        var forwarder = new Http11Forwarder(pool);
        var proxy = new ForwardingProxy(app, pool);
        app.Run(async context =>
        {
            var request = context.Request;
            var call = new Http11ForwardRequest(
                request.Path.ToUriComponent() + request.QueryString.ToUriComponent(), null, headers ?? [], activityTimeout,
                (ctx, _) => ctx.Response.Headers["X-Relayed"] = "1");
            var result = await forwarder.ForwardAsync(context, upstream, call, context.RequestAborted);
            proxy.LastResult = result;
            if (result != Http11ForwardError.None && !context.Response.HasStarted)
            {
                context.Response.StatusCode = 599;
                await context.Response.WriteAsync(result.ToString());
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Url = new Uri(address.TrimEnd('/') + "/");
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        Pool.Dispose();
    }
}
