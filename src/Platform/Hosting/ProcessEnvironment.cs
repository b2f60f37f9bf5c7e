using System.Collections;

namespace Harness.Platform.Hosting;

/// <summary>
/// The one reader of this process's environment in Harness.Platform. The variables it serves are the platform's
/// settings from outside (HARNESS_PYTHON, HARNESS_WATCHDOG, the host variables a replica inherits, a stack file's
/// <c>${VAR}</c>); keeping the reads here makes every one of them visible in one place, and the rest of the library
/// takes values, not the environment.
/// </summary>
internal static class ProcessEnvironment
{
    /// <summary>The value of <paramref name="name"/>, or null when it is not set.</summary>
    public static string? Get(string name)
    {
#pragma warning disable RS0030 // the one environment read of Harness.Platform
        return Environment.GetEnvironmentVariable(name);
#pragma warning restore RS0030
    }

    /// <summary>A copy of every variable (an unset value reads as empty).</summary>
    public static Dictionary<string, string> Snapshot()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
#pragma warning disable RS0030 // the one environment read of Harness.Platform
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
#pragma warning restore RS0030
        {
            variables[(string)entry.Key] = entry.Value as string ?? "";
        }

        return variables;
    }
}
