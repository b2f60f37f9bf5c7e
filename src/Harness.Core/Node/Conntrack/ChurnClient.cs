using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Harness.Node.Conntrack;

/// <summary>
/// Connection churn from inside the client namespace: one request per connection, the server closes. Sockets are created
/// on the namespace thread (so they belong to it) and then driven asynchronously. With a rate the load is open (arrivals do
/// not wait for timeouts, as real clients would not); without one, <see cref="ChurnOptions.Workers"/> loops go as fast as they can.
/// Bounded by count, time and cancellation.
/// </summary>
internal static class ChurnClient
{
    private const int MaxLatencySamples = 200_000;
    private const int MaxInFlight = 4096;

    public static async Task<ChurnResult> RunAsync(NetnsThread clientNs, IPEndPoint server, ChurnOptions options, CancellationToken cancellationToken)
    {
        var state = new State(server, options, Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\n\r\n"), clientNs);
        if (options.Rate > 0)
        {
            await OpenModelAsync(state, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Task.WhenAll(Enumerable.Range(0, options.Workers).Select(_ => Task.Run(() => ClosedWorkerAsync(state, cancellationToken), cancellationToken))).ConfigureAwait(false);
        }

        List<double> latencies;
        lock (state.Latencies)
        {
            latencies = state.Latencies.ToList();
        }

        return new ChurnResult(state.Ok, state.Timeouts, state.Refused, state.Other, Stopwatch.GetElapsedTime(state.Started), latencies, options.Rate > 0 ? options.Rate : null);
    }

    private static async Task OpenModelAsync(State s, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(MaxInFlight);
        var running = new List<Task>();
        for (long n = 0; n < s.Options.Connections && !cancellationToken.IsCancellationRequested; n++)
        {
            var due = TimeSpan.FromSeconds(n / s.Options.Rate);
            if (due >= s.Options.Duration)
            {
                break;
            }

            var wait = due - Stopwatch.GetElapsedTime(s.Started);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            running.Add(OneAsync(s, cancellationToken).ContinueWith(_ => slots.Release(), TaskScheduler.Default));
            if (running.Count > 10_000)
            {
                running.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private static async Task ClosedWorkerAsync(State s, CancellationToken cancellationToken)
    {
        while (Interlocked.Increment(ref s.Issued) <= s.Options.Connections && !cancellationToken.IsCancellationRequested
            && Stopwatch.GetElapsedTime(s.Started) < s.Options.Duration)
        {
            await OneAsync(s, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task OneAsync(State s, CancellationToken cancellationToken)
    {
        var before = Stopwatch.GetTimestamp();
        var socket = await s.ClientNs.RunAsync(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }).ConfigureAwait(false);
        using (socket)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(s.Options.Timeout);
            try
            {
                await socket.ConnectAsync(s.Server, timeout.Token).ConfigureAwait(false);
                await socket.SendAsync(s.Request, SocketFlags.None, timeout.Token).ConfigureAwait(false);
                var buffer = new byte[512];
                var total = 0;
                var first = new byte[12];
                int read;
                while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false)) > 0)
                {
                    if (total < first.Length)
                    {
                        buffer.AsSpan(0, Math.Min(read, first.Length - total)).CopyTo(first.AsSpan(total));
                    }

                    total += read;
                }

                if (first.AsSpan().StartsWith("HTTP/1.1 200"u8))
                {
                    Interlocked.Increment(ref s.Ok);
                    var ms = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
                    lock (s.Latencies)
                    {
                        if (s.Latencies.Count < MaxLatencySamples)
                        {
                            s.Latencies.Add(ms);
                        }
                    }
                }
                else
                {
                    Interlocked.Increment(ref s.Other);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref s.Timeouts);
            }
            catch (SocketException ex)
            {
                if (ex.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    Interlocked.Increment(ref s.Refused);
                }
                else if (ex.SocketErrorCode == SocketError.TimedOut)
                {
                    Interlocked.Increment(ref s.Timeouts);
                }
                else
                {
                    Interlocked.Increment(ref s.Other);
                }
            }
        }
    }

    private sealed class State(IPEndPoint server, ChurnOptions options, byte[] request, NetnsThread clientNs)
    {
        public readonly long Started = Stopwatch.GetTimestamp();
        public readonly List<double> Latencies = [];
        public long Issued;
        public long Ok;
        public long Timeouts;
        public long Refused;
        public long Other;

        public IPEndPoint Server { get; } = server;
        public ChurnOptions Options { get; } = options;
        public byte[] Request { get; } = request;
        public NetnsThread ClientNs { get; } = clientNs;
    }
}
