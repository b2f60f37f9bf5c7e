using System.Collections;

namespace Harness;

/// <summary>
/// The one reader of this process's environment in Harness.Core and Harness.Bench: the credentials a target names
/// (<c>user_env</c>, <c>password_env</c>), the faas-cli config location, HARNESS_ETCD, HARNESS_GIT_COMMIT, PATH (nginx,
/// and wrk for the benchmarks) and the working directory. Keeping the reads here makes every one of them visible in one
/// place (BannedSymbols.txt bans them elsewhere); the CLI reads its own through <c>CliEnvironment</c>.
/// </summary>
internal static class HostEnvironment
{
    /// <summary>The value of <paramref name="name"/>, or null when it is not set.</summary>
    public static string? Variable(string name)
    {
#pragma warning disable RS0030 // the one environment read of Harness.Core
        return Environment.GetEnvironmentVariable(name);
#pragma warning restore RS0030
    }

    /// <summary>A copy of every variable (an unset value reads as empty).</summary>
    public static Dictionary<string, string> Variables()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
#pragma warning disable RS0030 // the one environment read of Harness.Core
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
#pragma warning restore RS0030
        {
            variables[(string)entry.Key] = entry.Value?.ToString() ?? "";
        }

        return variables;
    }

    /// <summary>The process's working directory (where a run's repository commit is looked up).</summary>
    public static string CurrentDirectory
    {
        get
        {
#pragma warning disable RS0030 // the one environment read of Harness.Core
            return Environment.CurrentDirectory;
#pragma warning restore RS0030
        }
    }
}
