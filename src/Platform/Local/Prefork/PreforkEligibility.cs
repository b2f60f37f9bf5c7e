using Harness.Platform.Templates;

namespace Harness.Platform.Local;

/// <summary>
/// Which functions a zygote may serve: a sandboxed python3-http function in http mode that runs the template's own
/// server with the interpreter the zygote runs, whose runtime files are byte for byte the platform's (the zygote
/// imported the platform's copy, so a function that changed them must start the usual way), and whose environment
/// does not change how the interpreter starts.
/// </summary>
internal static class PreforkEligibility
{
    /// <summary>The template whose runtime the zygote imports.</summary>
    public const string Runtime = TemplateCatalog.Python3Http;

    /// <summary>The server script the replica's fprocess runs, relative to the function's folder.</summary>
    public const string ServerScript = "server.py";

    /// <summary>Null when <paramref name="spec"/> may be served by a zygote, else why not.</summary>
    public static string? WhyNot(FunctionSpec spec, string? python)
    {
        if (spec.Uid is null)
        {
            return "its replicas run without the sandbox";
        }

        if (python is null)
        {
            return "no Python interpreter";
        }

        if (spec.UpstreamUrl is null || WatchdogModes.Normalize(spec.Environment.GetValueOrDefault("mode")) != WatchdogModes.Http)
        {
            return "it does not run in http mode";
        }

        if (spec.Environment.GetValueOrDefault("fprocess")?.Trim() != python + " " + ServerScript)
        {
            return $"its fprocess is not the {Runtime} template's server ({python} {ServerScript})";
        }

        if (spec.Environment.Keys.FirstOrDefault(k => k.StartsWith("PYTHON", StringComparison.Ordinal)) is { } variable)
        {
            return $"its environment sets {variable}, which changes how the interpreter starts";
        }

        foreach (var (relative, content) in RuntimeFiles())
        {
            var path = Path.Combine(spec.WorkingDirectory, relative);
            try
            {
                if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
                {
                    return $"its {relative} is not the platform's {Runtime} runtime";
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return $"its {relative} cannot be read: {ex.Message}";
            }
        }

        return null;
    }

    private static readonly Lazy<IReadOnlyList<(string RelativePath, byte[] Content)>> Files = new(() =>
        [.. TemplateCatalog.Files(TemplateCatalog.Get(Runtime)!).Where(f => f.RelativePath is "harness_runtime.py" or ServerScript)]);

    /// <summary>The template's files the zygote imports (or runs): the runtime and the server script.</summary>
    public static IReadOnlyList<(string RelativePath, byte[] Content)> RuntimeFiles() => Files.Value;
}
