using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;

namespace Harness.Node.Etcd;

/// <summary>A bounded put load through etcd's v3 JSON gateway (<c>/v3/kv/put</c>), under a key prefix removed afterwards.</summary>
internal static class EtcdPutLoad
{
    public sealed record Result(IReadOnlyList<double> LatenciesMs, int Errors, TimeSpan Elapsed, string? FirstError);

    public static async Task<Result> RunAsync(HttpClient http, Uri endpoint, int puts, int concurrency, int valueBytes, TimeSpan maxDuration, CancellationToken cancellationToken)
    {
        var prefix = $"/harness-probe/{Guid.NewGuid():N}/";
        var value = Convert.ToBase64String(Encoding.ASCII.GetBytes(new string('x', valueBytes)));
        var latencies = new double[puts];
        var next = -1;
        var errors = 0;
        string? firstError = null;
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(maxDuration);
        var putUri = new Uri(endpoint, "/v3/kv/put");

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < puts && !deadline.IsCancellationRequested)
            {
                var key = Convert.ToBase64String(Encoding.ASCII.GetBytes(prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                var before = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsJsonAsync(putUri, new { key, value }, deadline.Token).ConfigureAwait(false);
                    response.EnsureSuccessStatusCode();
                    latencies[i] = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    latencies[i] = double.NaN;
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, ex.Message, null);
                }
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Max(1, concurrency)).Select(_ => Worker())).ConfigureAwait(false);
        }
        finally
        {
            await DeletePrefixAsync(http, endpoint, prefix).ConfigureAwait(false);
        }

        var done = Math.Min(puts, next);
        return new Result(latencies.Take(done).Where(v => v > 0).ToList(), errors, Stopwatch.GetElapsedTime(started), firstError);
    }

    private static async Task DeletePrefixAsync(HttpClient http, Uri endpoint, string prefix)
    {
        // range_end = prefix with its last byte incremented: every key under the prefix.
        var start = Encoding.ASCII.GetBytes(prefix);
        var end = (byte[])start.Clone();
        end[^1]++;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var response = await http.PostAsJsonAsync(new Uri(endpoint, "/v3/kv/deleterange"),
                new { key = Convert.ToBase64String(start), range_end = Convert.ToBase64String(end) }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // Best effort: the keys are tiny and clearly named.
        }
    }
}
