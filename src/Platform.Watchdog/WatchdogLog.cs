using System.Globalization;
using System.Text;

namespace Harness.Watchdog;

/// <summary>
/// Plain timestamped lines on stderr; no logging framework (it would cost start time and AOT size). Every line goes
/// into one bounded buffer that a single thread writes, so the order holds and no request ever waits on stderr: a
/// reader that stops reading fills the pipe and blocks that thread alone, and past <c>MaxPending</c> lines are counted,
/// not kept. Call lines wait up to <see cref="CallLinger"/> to share a <c>write</c> (one <c>write</c> per call woke the
/// reading process once per call, which cost a third of the watchdog's throughput on two cores); any other line is
/// written at once.
/// </summary>
internal static class WatchdogLog
{
    /// <summary>How long a call line may wait for others to share its <c>write</c>.</summary>
    public static readonly TimeSpan CallLinger = TimeSpan.FromMilliseconds(10);

    /// <summary>How long the process waits at exit for its last lines to be written; a reader that stopped gets none.</summary>
    public static readonly TimeSpan ExitFlushTimeout = TimeSpan.FromSeconds(2);

    private const int MaxPending = 1024 * 1024;
    private const string TimeFormat = "yyyy/MM/dd HH:mm:ss.fff";

    private static readonly Lock Gate = new();
    private static readonly Stream Stderr = Console.OpenStandardError();
    private static readonly AutoResetEvent Wake = new(false);
    private static readonly AutoResetEvent Written = new(false);
    private static readonly byte[] StampBytes = new byte[32];
    private static byte[] _pending = new byte[16 * 1024];

    // Only the writer thread reads it, between two swaps.
    private static byte[] _spare = new byte[16 * 1024];
    private static int _pendingLength;
    private static long _dropped;
    private static long _appended;
    private static long _written;
    private static bool _scheduled;
    private static bool _urgent;
    private static Thread? _writer;
    private static int _stampLength;
    private static long _stampMs = -1;

    public static void Info(string message) => Line(message);

    public static void Error(string message) => Line("error: " + message);

    /// <summary>One function call's line (UTF-8, <see cref="Http.CallLog"/>), written within <see cref="CallLinger"/>.</summary>
    public static void Call(ReadOnlySpan<byte> line)
    {
        lock (Gate)
        {
            if (!TryReserve(line.Length, out var into))
            {
                return;
            }

            var n = Stamp(into);
            into[n++] = (byte)' ';
            line.CopyTo(into[n..]);
            n += line.Length;
            into[n++] = (byte)'\n';
            Commit(n, urgent: false);
        }
    }

    /// <summary>
    /// Waits until every line logged before the call is written, for at most <paramref name="timeout"/>; false when a
    /// reader that stopped reading kept them waiting.
    /// </summary>
    public static bool Flush(TimeSpan timeout)
    {
        long target;
        lock (Gate)
        {
            target = _appended;
            if (Volatile.Read(ref _written) >= target)
            {
                return true;
            }

            _urgent = true;
        }

        Wake.Set();
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Volatile.Read(ref _written) < target)
        {
            var left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                return false;
            }

            // Bounded slices: another Flush may take the signal, and exit must not wait on it.
            Written.WaitOne(TimeSpan.FromMilliseconds(Math.Min(left, 50)));
        }

        return true;
    }

    /// <summary>Logs function output line by line with a prefix such as <c>stderr:</c>, capped so one response cannot flood the log.</summary>
    public static void Output(string prefix, ReadOnlySpan<byte> output, int maxBytes = 64 * 1024)
    {
        if (output.IsEmpty)
        {
            return;
        }

        var truncated = output.Length > maxBytes;
        var text = Encoding.UTF8.GetString(truncated ? output[..maxBytes] : output);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0)
            {
                Line(prefix + " " + line.TrimEnd('\r'));
            }
        }

        if (truncated)
        {
            Line($"{prefix} ... ({output.Length - maxBytes} more bytes)");
        }
    }

    private static void Line(string message)
    {
        lock (Gate)
        {
            if (TryReserve(Encoding.UTF8.GetMaxByteCount(message.Length), out var into))
            {
                Commit(Format(message, into), urgent: true);
            }
        }
    }

    // Under Gate: room for a stamped line of bodyLength bytes at the end of the buffer; false (counted) when full.
    private static bool TryReserve(int bodyLength, out Span<byte> into)
    {
        var needed = TimeFormat.Length + 2 + bodyLength;
        if (_pendingLength + needed > MaxPending)
        {
            _dropped++;
            into = default;
            return false;
        }

        if (_pendingLength + needed > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Min(MaxPending, Math.Max(_pending.Length * 2, _pendingLength + needed)));
        }

        into = _pending.AsSpan(_pendingLength);
        return true;
    }

    // Under Gate.
    private static void Commit(int length, bool urgent)
    {
        _pendingLength += length;
        _appended++;
        _urgent |= urgent;
        if (_writer is null)
        {
            _writer = new Thread(WriteLoop) { IsBackground = true, Name = "watchdog log" };
            _writer.Start();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Flush(ExitFlushTimeout);
        }

        if (urgent || !_scheduled)
        {
            _scheduled = true;
            Wake.Set();
        }
    }

    // Under Gate, as Stamp is.
    private static int Format(string message, Span<byte> into)
    {
        var n = Stamp(into);
        into[n++] = (byte)' ';
        n += Encoding.UTF8.GetBytes(message, into[n..]);
        into[n++] = (byte)'\n';
        return n;
    }

    // Calls come thousands a second: the time is formatted once per millisecond, not once per line.
    private static int Stamp(Span<byte> into)
    {
        var ms = DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond;
        if (ms != _stampMs)
        {
            new DateTime(ms * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc).TryFormat(StampBytes, out _stampLength, TimeFormat, CultureInfo.InvariantCulture);
            _stampMs = ms;
        }

        StampBytes.AsSpan(0, _stampLength).CopyTo(into);
        return _stampLength;
    }

    private static void WriteLoop()
    {
        while (true)
        {
            Wake.WaitOne();
            bool linger;
            lock (Gate)
            {
                linger = !_urgent;
            }

            if (linger)
            {
                // Flush and other lines end the wait early; call lines alone do not.
                Wake.WaitOne(CallLinger);
            }

            byte[] batch;
            int length;
            long upTo;
            byte[]? note = null;
            lock (Gate)
            {
                (batch, length, upTo) = (_pending, _pendingLength, _appended);
                (_pending, _spare, _pendingLength) = (_spare, batch, 0);
                if (_dropped > 0)
                {
                    var text = $"{_dropped} log line(s) not written: stderr was not read fast enough";
                    note = new byte[TimeFormat.Length + 2 + Encoding.UTF8.GetMaxByteCount(text.Length)];
                    Array.Resize(ref note, Format(text, note));
                    _dropped = 0;
                }

                _scheduled = false;
                _urgent = false;
            }

            if (length > 0)
            {
                Write(batch.AsSpan(0, length));
            }

            if (note is not null)
            {
                Write(note);
            }

            Volatile.Write(ref _written, upTo);
            Written.Set();
        }
    }

    private static void Write(ReadOnlySpan<byte> bytes)
    {
        try
        {
            Stderr.Write(bytes);
        }
        catch (IOException)
        {
            // Nobody reads the log any more (the provider went away); the function keeps serving.
        }
    }
}
