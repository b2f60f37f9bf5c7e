namespace Harness.Runs;

/// <summary>Finds the project's <c>scenarios/</c> directory: from the working directory up, then from the executable up.</summary>
internal static class SuiteLocator
{
    public static string? FindScenariosDirectory()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "scenarios");
                if (Directory.Exists(Path.Combine(candidate, "targets")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The default suite: every <c>scenarios/*.yml</c> (sub-directories such as examples/ are not part of it), in name order.</summary>
    public static IReadOnlyList<string> DefaultSuite(string scenariosDirectory)
        => Directory.GetFiles(scenariosDirectory, "*.yml").Order(StringComparer.Ordinal).ToList();

    /// <summary>The suite for a profile: pre-release adds every node scenario (<c>scenarios/node/*.yml</c>) to the default suite.</summary>
    public static IReadOnlyList<string> Suite(string scenariosDirectory, RunProfile profile)
    {
        var files = DefaultSuite(scenariosDirectory).ToList();
        var node = Path.Combine(scenariosDirectory, "node");
        if (profile == RunProfile.PreRelease && Directory.Exists(node))
        {
            files.AddRange(Directory.GetFiles(node, "*.yml").Order(StringComparer.Ordinal));
        }

        return files;
    }
}
