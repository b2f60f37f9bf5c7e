using Harness.Watchdog.Isolation;

namespace Harness.Watchdog;

/// <summary>
/// Started by the local provider instead of the watchdog for a sandboxed replica: it reads the same
/// <c>HARNESS_ISOLATION</c> steps, takes its own session, and hands over to <see cref="SandboxLauncher"/>, which clones
/// the sandbox (whose child executes the watchdog) and stays outside as its monitor. Only <c>setsid</c> and the cgroup
/// joins may come before <c>sandbox</c>: everything else belongs to the watchdog.
/// </summary>
internal static class SandboxMonitor
{
    /// <summary>Never returns when the sandbox starts; otherwise the exit code (the reason is on stderr).</summary>
    public static int Run()
    {
        var text = Environment.GetEnvironmentVariable(IsolationSpec.Variable);
        if (string.IsNullOrEmpty(text))
        {
            return Refuse($"{IsolationSpec.Variable} is empty: this program only starts sandboxed replicas");
        }

        Environment.SetEnvironmentVariable(IsolationSpec.Variable, null);
        var (steps, errors) = IsolationSpec.Parse(text);
        if (errors.Count > 0)
        {
            return Refuse(string.Join("; ", errors));
        }

        var (joins, before, inside) = SandboxLauncher.Split(steps);
        if (inside is null)
        {
            return Refuse($"{IsolationSpec.Variable} has no sandbox step");
        }

        if (SandboxLauncher.Validate(inside) is { } invalid)
        {
            return Refuse(invalid);
        }

        foreach (var step in before)
        {
            if (step.Operation != "setsid")
            {
                return Refuse($"'{step}' before sandbox is the watchdog's step, not the monitor's");
            }

            if (Sys.Call(Sys.Setsid) is var rc and < 0)
            {
                return Refuse($"setsid: errno {-rc}");
            }
        }

        SandboxLauncher.Run(inside, joins);
        return IsolationSpec.IsolationError;
    }

    private static int Refuse(string why)
    {
        Console.Error.WriteLine("sandbox-monitor: isolation: " + why + "; not starting without the isolation asked for");
        return IsolationSpec.IsolationError;
    }
}
