using System.Globalization;
using System.Text;

namespace Harness.Watchdog;

/// <summary>Plain timestamped lines on stderr; no logging framework (it would cost start time and AOT size).</summary>
internal static class WatchdogLog
{
    private static readonly Lock Gate = new();

    public static void Info(string message) => Write(message);

    public static void Error(string message) => Write("error: " + message);

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
        var line = DateTime.UtcNow.ToString("yyyy/MM/dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + " " + message;
        lock (Gate)
        {
            Console.Error.WriteLine(line);
        }
    }
}
