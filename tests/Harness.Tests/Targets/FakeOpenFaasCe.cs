using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Harness.Tests.Targets;

/// <summary>
/// A loopback stand-in for the OpenFaaS CE gateway in front of a real provider (here a Harness gateway whose replicas are
/// real watchdogs): it behaves as CE does where Harness differs. <c>/system/info</c> answers in CE's shape (provider
/// faas-netes, gateway release and sha, arch); a scale request below 1 is raised to 1 and above 5 lowered to 5 before it is
/// forwarded (gateway/scaling/ranges.go); <c>/system/artifacts</c> does not exist (Go's <c>404 page not found</c>); and no
/// <c>X-Harness-*</c> header comes back. Everything else is forwarded as it is, credentials included.
/// </summary>
internal sealed class FakeOpenFaasCe : IAsyncDisposable
{
    public const string GatewayRelease = "0.27.12";
    public const string GatewaySha = "8d803bf93c8ad3e8f7b3d8c3f1a1d8a6b43c9f10";
    public const string ProviderRelease = "0.18.13";

    private readonly WebApplication app;
    private readonly HttpClient upstream;
    private readonly Uri upstreamUrl;
    private readonly string providerName;
    private readonly Lock gate = new();
    private readonly List<(string Function, int Asked, int Forwarded)> scales = [];
    private int artifactRequests;

    private FakeOpenFaasCe(WebApplication app, Uri upstreamUrl, string providerName)
    {
        this.app = app;
        this.upstreamUrl = upstreamUrl;
        this.providerName = providerName;
        upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(120) };
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Scale requests seen: the replicas asked for and the replicas forwarded after the clamp.</summary>
    public IReadOnlyList<(string Function, int Asked, int Forwarded)> Scales
    {
        get
        {
            lock (gate)
            {
                return scales.ToList();
            }
        }
    }

    /// <summary>Requests to /system/artifacts (a CE gateway has no such route).</summary>
    public int ArtifactRequests => Volatile.Read(ref artifactRequests);

    public static async Task<FakeOpenFaasCe> StartAsync(Uri upstream, string providerName = "faas-netes")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeOpenFaasCe(app, upstream, providerName);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/system/artifacts", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref artifactRequests);
            context.Response.StatusCode = 404;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("404 page not found\n");
            return;
        }

        if (path == "/system/info" && HttpMethods.IsGet(context.Request.Method))
        {
            // The provider behind answers (and checks the credentials); the gateway wraps its own version around the provider's block.
            using var check = await ForwardAsync(context, null);
            if (check.StatusCode != HttpStatusCode.OK)
            {
                await CopyAsync(check, context);
                return;
            }

            var info = new JsonObject
            {
                ["provider"] = new JsonObject
                {
                    ["provider"] = providerName,
                    ["orchestration"] = "kubernetes",
                    ["version"] = new JsonObject { ["sha"] = "5b1c4d2e", ["release"] = ProviderRelease },
                },
                ["version"] = new JsonObject { ["commit_message"] = "Protect telemetry with BasicAuth", ["sha"] = GatewaySha, ["release"] = GatewayRelease },
                ["arch"] = "x86_64",
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(info.ToJsonString());
            return;
        }

        byte[]? body = null;
        if (path.StartsWith("/system/scale-function/", StringComparison.Ordinal) && HttpMethods.IsPost(context.Request.Method))
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var request = JsonNode.Parse(await reader.ReadToEndAsync()) as JsonObject ?? [];
            var asked = (int?)request["replicas"] ?? 0;
            var forwarded = Math.Clamp(asked, 1, 5);
            request["replicas"] = forwarded;
            lock (gate)
            {
                scales.Add((path["/system/scale-function/".Length..], asked, forwarded));
            }

            body = Encoding.UTF8.GetBytes(request.ToJsonString());
        }

        using var response = await ForwardAsync(context, body);
        await CopyAsync(response, context);
    }

    private async Task<HttpResponseMessage> ForwardAsync(HttpContext context, byte[]? body)
    {
        var target = new Uri(upstreamUrl, context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString.Value);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }
        else if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            request.Content = new ByteArrayContent(buffer.ToArray());
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (name is "Host" or "Connection" or "Content-Length" or "Transfer-Encoding" or "Keep-Alive")
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        return await upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
    }

    private static async Task CopyAsync(HttpResponseMessage response, HttpContext context)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            // CE sends none of Harness's own headers; hop-by-hop headers belong to this connection.
            if (name.StartsWith("X-Harness-", StringComparison.OrdinalIgnoreCase) || name is "Transfer-Encoding" or "Connection" or "Keep-Alive")
            {
                continue;
            }

            context.Response.Headers[name] = values.ToArray();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
