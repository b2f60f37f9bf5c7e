namespace Harness.Platform.Stack;

/// <summary>Turns an unknown key into a helpful hint: a known-mistake table first, then the closest known key.</summary>
internal static class KeySuggestions
{
    // Keys people write from memory of other tools (docker-compose, Kubernetes, the OpenFaaS JSON API).
    private static readonly Dictionary<string, string> Renames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["env"] = "environment",
        ["envs"] = "environment",
        ["env_vars"] = "environment",
        ["envVars"] = "environment",
        ["environments"] = "environment",
        ["environment_variables"] = "environment",
        ["env_file"] = "environment_file",
        ["env_files"] = "environment_file",
        ["environment_files"] = "environment_file",
        ["envFile"] = "environment_file",
        ["secret"] = "secrets",
        ["label"] = "labels",
        ["annotation"] = "annotations",
        ["constraint"] = "constraints",
        ["readonly"] = "readonly_root_filesystem",
        ["read_only"] = "readonly_root_filesystem",
        ["readOnlyRootFilesystem"] = "readonly_root_filesystem",
        ["read_only_root_filesystem"] = "readonly_root_filesystem",
        ["envProcess"] = "fprocess",
        ["language"] = "lang",
        ["runtime"] = "lang",
        ["template"] = "lang",
        ["skipBuild"] = "skip_build",
        ["buildArgs"] = "build_args",
        ["build_arg"] = "build_args",
    };

    // Flattened resource keys: the suggestion shows the nested shape with the user's own value.
    private static readonly Dictionary<string, (string Section, string Field)> Flattened = new(StringComparer.OrdinalIgnoreCase)
    {
        ["limits_memory"] = ("limits", "memory"),
        ["limits_cpu"] = ("limits", "cpu"),
        ["limit_memory"] = ("limits", "memory"),
        ["limit_cpu"] = ("limits", "cpu"),
        ["memory_limit"] = ("limits", "memory"),
        ["cpu_limit"] = ("limits", "cpu"),
        ["memory"] = ("limits", "memory"),
        ["cpu"] = ("limits", "cpu"),
        ["requests_memory"] = ("requests", "memory"),
        ["requests_cpu"] = ("requests", "cpu"),
        ["request_memory"] = ("requests", "memory"),
        ["request_cpu"] = ("requests", "cpu"),
        ["memory_request"] = ("requests", "memory"),
        ["cpu_request"] = ("requests", "cpu"),
    };

    /// <summary>The warning text for <paramref name="key"/>, given the keys valid at that place.</summary>
    public static string Describe(string key, IReadOnlyCollection<string> known, YamlNode value)
    {
        var hint = Suggest(key, known, value);
        return hint is null
            ? $"unknown key '{key}' is ignored; known keys here: {string.Join(", ", known)}"
            : $"unknown key '{key}' is ignored; did you mean {hint}?";
    }

    private static string? Suggest(string key, IReadOnlyCollection<string> known, YamlNode value)
    {
        if (Flattened.TryGetValue(key, out var nested) && known.Contains(nested.Section))
        {
            var shown = value is YamlScalar { IsNull: false } s ? s.Value : nested.Field == "memory" ? "128Mi" : "100m";
            return $"'{nested.Section}: {{{nested.Field}: {shown}}}'";
        }

        if (Renames.TryGetValue(key, out var renamed) && known.Contains(renamed))
        {
            return $"'{renamed}'";
        }

        var best = known
            .Select(k => (Key: k, Distance: EditDistance(key.ToLowerInvariant(), k)))
            .OrderBy(x => x.Distance)
            .FirstOrDefault();
        var allowed = Math.Min(3, Math.Max(1, key.Length / 3));
        return best.Key is not null && best.Distance <= allowed ? $"'{best.Key}'" : null;
    }

    // Optimal string alignment distance: a swap of two neighbouring letters ("lnag") counts as one edit.
    internal static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
