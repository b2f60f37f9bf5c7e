using System.Diagnostics;
using System.Net;

namespace Harness.Bench;

/// <summary>The fallback when wrk is missing: N keep-alive loops on one SocketsHttpHandler for a fixed time.</summary>
internal sealed class ClientLoad : ILoopbackLoad
{
    public string Name => "built-in client";

    public async Task<double> MeasureAsync(Uri url, int connections, TimeSpan duration, CancellationToken cancellationToken, string? postBody = null)
    {
        if (!url.IsLoopback)
        {
            throw new ArgumentException("load is only ever sent to loopback", nameof(url));
        }

        using var handler = new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = connections, AutomaticDecompression = DecompressionMethods.None };
        using var client = new HttpMessageInvoker(handler);
        long completed = 0;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections).Select(async _ =>
        {
            var buffer = new byte[16 * 1024];
            while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(postBody is null ? HttpMethod.Get : HttpMethod.Post, url);
                if (postBody is not null)
                {
                    request.Content = new StringContent(postBody);
                }

                using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                while (await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
                {
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}; the rate is not comparable");
                }

                Interlocked.Increment(ref completed);
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
        return completed / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
