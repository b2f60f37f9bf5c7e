using System.Globalization;
using System.Text;

namespace Harness.Watchdog;

/// <summary>
/// Plain timestamped lines on stderr; no logging framework (it would cost start time and AOT size). Call lines are
/// gathered for up to <see cref="CallLinger"/> and written together: one <c>write</c> per call woke the process that
/// reads the log once per call, which cost a third of the watchdog's throughput on two cores. Every other line is
/// written at once, after the call lines before it, so the order holds.
/// </summary>
internal static class WatchdogLog
{
    /// <summary>How long a call line may wait for others to share its <c>write</c>.</summary>
    public static readonly TimeSpan CallLinger = TimeSpan.FromMilliseconds(10);

    // A reader that stops reading must not grow the watchdog without bound: past this, call lines are counted, not kept.
    private const int MaxPending = 1024 * 1024;
    private const string TimeFormat = "yyyy/MM/dd HH:mm:ss.fff";

    private static readonly Lock Gate = new();
    private static readonly Stream Stderr = Console.OpenStandardError();
    private static readonly AutoResetEvent Wake = new(false);
    private static byte[] _pending = new byte[16 * 1024];
    private static int _pendingLength;
    private static long _dropped;
    private static bool _scheduled;
    private static Thread? _flusher;
    private static readonly byte[] StampBytes = new byte[32];
    private static int _stampLength;
    private static long _stampMs = -1;

    public static void Info(string message) => Write(message);

    public static void Error(string message) => Write("error: " + message);

    /// <summary>One function call's line (UTF-8, <see cref="Http.CallLog"/>), written within <see cref="CallLinger"/>.</summary>
    public static void Call(ReadOnlySpan<byte> line)
    {
        lock (Gate)
        {
            var needed = TimeFormat.Length + 2 + line.Length;
            if (_pendingLength + needed > MaxPending)
            {
                _dropped++;
                return;
            }

            EnsureCapacity(needed);
            var into = _pending.AsSpan(_pendingLength);
            var n = Stamp(into);
            into[n++] = (byte)' ';
            line.CopyTo(into[n..]);
            n += line.Length;
            into[n++] = (byte)'\n';
            _pendingLength += n;
            if (!_scheduled)
            {
                _scheduled = true;
                StartFlusher();
                Wake.Set();
            }
        }
    }

    /// <summary>Writes the call lines still waiting (at exit; any other line does it itself).</summary>
    public static void Flush()
    {
        lock (Gate)
        {
            FlushLocked();
        }
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
                Write(prefix + " " + line.TrimEnd('\r'));
            }
        }

        if (truncated)
        {
            Write($"{prefix} ... ({output.Length - maxBytes} more bytes)");
        }
    }

    private static void Write(string message)
    {
        lock (Gate)
        {
            FlushLocked();
            WriteLineLocked(message);
        }
    }

    private static void WriteLineLocked(string message)
    {
        var bytes = new byte[TimeFormat.Length + 2 + Encoding.UTF8.GetMaxByteCount(message.Length)];
        WriteLocked(bytes.AsSpan(0, Format(message, bytes)));
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

    private static void EnsureCapacity(int needed)
    {
        if (_pendingLength + needed > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Min(MaxPending, Math.Max(_pending.Length * 2, _pendingLength + needed)));
        }
    }

    private static void FlushLocked()
    {
        if (_pendingLength > 0)
        {
            WriteLocked(_pending.AsSpan(0, _pendingLength));
            _pendingLength = 0;
        }

        if (_dropped > 0)
        {
            var note = $"{_dropped} call line(s) not logged: stderr was not read fast enough";
            _dropped = 0;
            WriteLineLocked(note);
        }
    }

    private static void WriteLocked(ReadOnlySpan<byte> bytes)
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

    private static void StartFlusher()
    {
        if (_flusher is not null)
        {
            return;
        }

        _flusher = new Thread(FlushLoop) { IsBackground = true, Name = "call log" };
        _flusher.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Flush();
    }

    private static void FlushLoop()
    {
        while (true)
        {
            Wake.WaitOne();
            Thread.Sleep(CallLinger);
            lock (Gate)
            {
                FlushLocked();
                _scheduled = false;
            }
        }
    }
}
