using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Harness.Benchmarks;

/// <summary>A trivial in-process upstream on 127.0.0.1 (Kestrel, one fixed 2-byte answer), so proxy benchmarks measure the proxy.</summary>
internal sealed class LoopbackUpstream : IAsyncDisposable
{
    private static readonly byte[] Body = "OK"u8.ToArray();
    private readonly WebApplication app;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> connections;

    private LoopbackUpstream(WebApplication app, Uri url, System.Collections.Concurrent.ConcurrentDictionary<string, byte> connections)
    {
        this.app = app;
        Url = url;
        this.connections = connections;
    }

    public Uri Url { get; }

    /// <summary>How many TCP connections the upstream has seen: a proxy that pools keeps this at its concurrency.</summary>
    public int Connections => connections.Count;

    public static async Task<LoopbackUpstream> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var connections = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>();
        app.Run(async context =>
        {
            connections.TryAdd(context.Connection.Id, 0);
            // Drain the request body as a real function would before answering.
            await context.Request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
            context.Response.ContentLength = Body.Length;
            context.Response.ContentType = "text/plain";
            await context.Response.Body.WriteAsync(Body).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackUpstream(app, new Uri(address + "/"), connections);
    }

    /// <summary>A fresh in-memory request context (no server): the response body lands in a <see cref="MemoryStream"/>.</summary>
    public static DefaultHttpContext Context(string method, string path, byte[]? body = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1");
        context.Request.Path = path;
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(body, writable: false);
            context.Request.ContentLength = body.Length;
            context.Request.ContentType = "application/octet-stream";
        }

        // Kestrel sets this feature: without it a proxy must assume a GET may carry a (chunked) body.
        context.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(body is not null));
        context.Response.Body = new MemoryStream();
        return context;
    }

    private sealed class BodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody { get; } = canHaveBody;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
