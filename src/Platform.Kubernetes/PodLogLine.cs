using System.Globalization;
using Harness.Platform.Contracts;

namespace Harness.Platform.Kubernetes;

/// <summary>Parses a pod log line written with <c>timestamps=true</c> (<c>RFC3339Nano text</c>).</summary>
internal static class PodLogLine
{
    public static LogEntry Parse(string line, string function, string @namespace, string pod, TimeProvider time)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && DateTimeOffset.TryParse(line.AsSpan(0, space), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
        {
            return new LogEntry { Name = function, Namespace = @namespace, Instance = pod, Timestamp = timestamp, Text = line[(space + 1)..] };
        }

        return new LogEntry { Name = function, Namespace = @namespace, Instance = pod, Timestamp = time.GetUtcNow(), Text = line };
    }
}
