using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Harness.Load;

/// <summary>
/// The fast path for a fixed request over plain http://: the request is encoded once, sent as bytes on pooled sockets,
/// and the response read by a minimal HTTP/1.1 parser. Results, timeouts and error kinds are those of <see cref="HttpStep"/>.
/// </summary>
/// <remarks>
/// Use <see cref="Unsupported"/> first (or <see cref="FixedRequestStep.Create"/>, which does): https, credentials in the URL,
/// non-ASCII parts and headers HttpClient manages itself (Host, Content-*, Connection, Transfer-Encoding…) need HttpClient.
/// Like the engine's HttpClient, it follows no redirects, decompresses nothing and sends no cookies.
/// </remarks>
public sealed class RawHttpStep : IDisposable
{
    private readonly byte[] request;
    private readonly bool isHead;
    private readonly bool close;
    private readonly EndPoint endPoint;
    private readonly TimeSpan connectTimeout;
    private readonly SemaphoreSlim? slots;
    private readonly int maxConnections;
    // A queue, not a stack: ConcurrentStack allocates a node per push, ConcurrentQueue reuses its segments.
    private readonly ConcurrentQueue<RawHttpConnection> idle = new();
    private volatile bool disposed;

    /// <summary>Encodes <paramref name="spec"/> once; throws <see cref="ArgumentException"/> when the fast path cannot carry it.</summary>
    public RawHttpStep(HttpRequestSpec spec, ConnectionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(policy);
        if (Unsupported(spec) is { } why)
        {
            throw new ArgumentException($"the raw HTTP fast path cannot send this request: {why}", nameof(spec));
        }

        close = policy.Mode == ConnectionMode.NewPerRequest;
        request = RawHttpRequest.Encode(spec, close);
        isHead = string.Equals(spec.Method, "HEAD", StringComparison.OrdinalIgnoreCase);
        endPoint = IPAddress.TryParse(spec.Url.IdnHost, out var ip) ? new IPEndPoint(ip, spec.Url.Port) : new DnsEndPoint(spec.Url.IdnHost, spec.Url.Port);
        connectTimeout = policy.ConnectTimeout;
        // As SocketsHttpHandler's MaxConnectionsPerServer: beyond the pool, requests wait for a connection (inside their timeout).
        slots = close ? null : new SemaphoreSlim(policy.MaxConnections, policy.MaxConnections);
        maxConnections = policy.MaxConnections;
    }

    /// <summary>The request as it goes on the wire.</summary>
    internal byte[] Request => request;

    internal bool IsHead => isHead;

    /// <summary>True for <see cref="ConnectionMode.NewPerRequest"/>: every request on a new connection, closed after it.</summary>
    internal bool CloseEachRequest => close;

    internal EndPoint EndPoint => endPoint;

    internal TimeSpan ConnectTimeout => connectTimeout;

    internal int MaxConnections => maxConnections;

    /// <summary>Null when <see cref="EventLoopExecutor"/> can carry this step; otherwise why the async-socket path does.</summary>
    internal string? EventLoopUnsupported => endPoint is IPEndPoint ? null : "a host name, not an IP address (the async-socket path resolves it per connection)";

    /// <summary>Null when the fast path can send <paramref name="spec"/>; otherwise why it needs HttpClient.</summary>
    public static string? Unsupported(HttpRequestSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return RawHttpRequest.Unsupported(spec);
    }

    /// <summary>Sends the request, reads the response to its end and maps the status to a <see cref="Response"/>.</summary>
    public async Task<Response> InvokeAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var token = context.CancellationToken;
        if (slots is not null)
        {
            await slots.WaitAsync(token).ConfigureAwait(false);
        }

        RawHttpConnection? connection = null;
        var reusable = false;
        try
        {
            connection = await RentAsync(token).ConfigureAwait(false);
            RawHttpResult result;
            try
            {
                result = await connection.ExchangeAsync(request, isHead, token).ConfigureAwait(false);
            }
            catch (Exception e) when (connection.Reused && !connection.ReceivedAny && !token.IsCancellationRequested && IsStale(e))
            {
                // A pooled connection the server closed while it was idle: HttpClient retries those once on a new one, and so do we.
                connection.Dispose();
                connection = null;
                connection = await RawHttpConnection.ConnectAsync(endPoint, connectTimeout, token).ConfigureAwait(false);
                result = await connection.ExchangeAsync(request, isHead, token).ConfigureAwait(false);
            }

            reusable = result.KeepAlive && !close;
            return result.StatusCode >= 400
                ? Response.Fail(result.StatusCode, result.Reason, ErrorKind.Http, result.BodyBytes)
                : Response.Ok(result.StatusCode, result.BodyBytes);
        }
        finally
        {
            if (connection is not null)
            {
                if (reusable && !disposed)
                {
                    idle.Enqueue(connection);
                }
                else
                {
                    connection.Dispose();
                }
            }

            slots?.Release();
        }
    }

    /// <summary>Closes the idle connections; connections in use close when their request ends.</summary>
    public void Dispose()
    {
        disposed = true;
        while (idle.TryDequeue(out var connection))
        {
            connection.Dispose();
        }
    }

    private async ValueTask<RawHttpConnection> RentAsync(CancellationToken token)
    {
        if (!close && idle.TryDequeue(out var pooled))
        {
            return pooled;
        }

        return await RawHttpConnection.ConnectAsync(endPoint, connectTimeout, token).ConfigureAwait(false);
    }

    private static bool IsStale(Exception e) =>
        e is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }
        || e is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown };
}
