using System.Globalization;
using Harness.Platform.Procfs;

namespace Harness.Platform.Local;

/// <summary>
/// Names a process for as long as it lives: its PID and its start time (field 22 of <c>/proc/PID/stat</c>), so a PID
/// the kernel hands to a new process later never passes for the provider that died.
/// </summary>
internal static class ProcessOwner
{
    /// <summary>This process, as <c>PID.STARTTIME</c>.</summary>
    public static string Current { get; } = TokenOf(Environment.ProcessId) ?? Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    /// <summary>True while the process a token names still runs (an unreadable token counts as alive: never reap on doubt).</summary>
    public static bool IsAlive(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !int.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return true;
        }

        return TokenOf(pid) == token;
    }

    private static string? TokenOf(int pid) =>
        ProcStat.Read(pid) is { } stat ? string.Create(CultureInfo.InvariantCulture, $"{pid}.{stat.StartTicks}") : null;
}
