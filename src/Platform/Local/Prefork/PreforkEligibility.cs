using Harness.Platform.Templates;

namespace Harness.Platform.Local;

/// <summary>
/// Which functions a zygote may serve: a sandboxed function of the python3-http template, or of the classic python3
/// template in http mode, that runs the template's own server with the interpreter the zygote runs, whose runtime
/// files are byte for byte the platform's (the zygote imported the platform's copy of the runtime both templates
/// share, so a function that changed it or its server must start the usual way), and whose environment does not
/// change how the interpreter starts.
/// </summary>
internal static class PreforkEligibility
{
    /// <summary>The template whose runtime files the zygote copies and imports (harness_runtime.py is the same in both).</summary>
    public const string Runtime = TemplateCatalog.Python3Http;

    /// <summary>The server script the replica's fprocess runs, relative to the function's folder.</summary>
    public const string ServerScript = "server.py";

    /// <summary>Null when <paramref name="spec"/> may be served by a zygote, else why not; <paramref name="template"/> names whose server it runs.</summary>
    public static string? WhyNot(FunctionSpec spec, string? python, out string template)
    {
        template = Runtime;
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

        byte[] runtime, server;
        try
        {
            runtime = File.ReadAllBytes(Path.Combine(spec.WorkingDirectory, RuntimeModule));
            server = File.ReadAllBytes(Path.Combine(spec.WorkingDirectory, ServerScript));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"its runtime cannot be read: {ex.Message}";
        }

        if (!runtime.AsSpan().SequenceEqual(RuntimeFiles().Single(f => f.RelativePath == RuntimeModule).Content))
        {
            return $"its {RuntimeModule} is not the platform's";
        }

        foreach (var (name, content) in Servers.Value)
        {
            if (server.AsSpan().SequenceEqual(content))
            {
                template = name;
                return null;
            }
        }

        return $"its {ServerScript} is not the {TemplateCatalog.Python3Http} or {TemplateCatalog.Python3} template's";
    }

    private const string RuntimeModule = "harness_runtime.py";

    // The servers a zygote may run: each template's own, both of them starting the shared runtime.
    private static readonly Lazy<IReadOnlyList<(string Template, byte[] Content)>> Servers = new(() =>
        [.. new[] { TemplateCatalog.Python3Http, TemplateCatalog.Python3 }
            .Select(t => (t, TemplateCatalog.Files(TemplateCatalog.Get(t)!).Single(f => f.RelativePath == ServerScript).Content))]);

    private static readonly Lazy<IReadOnlyList<(string RelativePath, byte[] Content)>> Files = new(() =>
        [.. TemplateCatalog.Files(TemplateCatalog.Get(Runtime)!).Where(f => f.RelativePath is RuntimeModule or ServerScript)]);

    /// <summary>The template's files the zygote imports (or runs): the runtime and the server script.</summary>
    public static IReadOnlyList<(string RelativePath, byte[] Content)> RuntimeFiles() => Files.Value;
}
