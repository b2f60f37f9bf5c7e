using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Tests.Client;

/// <summary>A <see cref="TestGateway"/> that also keeps every request's headers, for the client's wire tests.</summary>
internal sealed class RecordingGateway : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private TestGateway? _server;

    private RecordingGateway()
    {
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <param name="respond">Writes the response for a recorded request.</param>
    public static async Task<RecordingGateway> StartAsync(Func<RecordedRequest, HttpContext, Task> respond)
    {
        var gateway = new RecordingGateway();
        gateway._server = await TestGateway.StartRawAsync(async (context, body) =>
        {
            var recorded = new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body);
            gateway._requests.Enqueue(recorded);
            await respond(recorded, context);
        });
        gateway.Url = new Uri(gateway._server.Url);
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
