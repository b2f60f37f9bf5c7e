namespace Harness.Platform.Templates;

/// <summary>What <see cref="FunctionBuilder"/> needs to turn a handler folder into a runnable replica folder.</summary>
public sealed record FunctionBuildRequest
{
    /// <summary>The function's name (the stack's key).</summary>
    public required string FunctionName { get; init; }

    /// <summary>The stack's <c>lang</c>: one of <see cref="TemplateCatalog.Languages"/>.</summary>
    public required string Lang { get; init; }

    /// <summary>The handler folder (the stack's <c>handler</c>, resolved).</summary>
    public required string HandlerDirectory { get; init; }

    /// <summary>Where the runnable folder is written; replaced as a whole if it exists.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The stack's <c>image</c>; defaults to <c>name:latest</c>.</summary>
    public string? Image { get; init; }

    /// <summary>The stack's <c>fprocess</c>; overrides the template's command. Required for <c>dockerfile</c> unless its Dockerfile sets one.</summary>
    public string? Fprocess { get; init; }

    /// <summary>The stack's <c>environment</c>; passed to the watchdog (which reads its settings there) and so to the function.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Overrides both the template default and <c>environment.mode</c>: serializing (fork), streaming or http.</summary>
    public string? Mode { get; init; }

    /// <summary>
    /// Extra arguments for <c>pip install</c> of the handler's requirements.txt, such as <c>--no-index</c> and
    /// <c>--find-links DIR</c> for an offline build; the machine's pip configuration applies as well.
    /// </summary>
    public IReadOnlyList<string> PipArguments { get; init; } = [];

    /// <summary>Every problem with the request, empty when it can be built.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(FunctionName))
        {
            errors.Add("functionName: empty");
        }

        if (TemplateCatalog.RetiredReason(Lang) is { } retired)
        {
            errors.Add("lang: " + retired);
        }
        else if (!TemplateCatalog.IsKnown(Lang))
        {
            errors.Add($"lang: '{Lang}' is not a known template (known: {string.Join(", ", TemplateCatalog.Languages)})");
        }

        if (string.IsNullOrWhiteSpace(HandlerDirectory) || !Directory.Exists(HandlerDirectory))
        {
            errors.Add($"handler: folder '{HandlerDirectory}' does not exist");
        }
        else if (TemplateCatalog.Get(Lang) is { IsPython: true } && !File.Exists(Path.Combine(HandlerDirectory, "handler.py")))
        {
            errors.Add($"handler: '{HandlerDirectory}' has no handler.py (lang {Lang} calls handler.handle)");
        }

        if (string.IsNullOrWhiteSpace(OutputDirectory))
        {
            errors.Add("outputDirectory: empty");
        }

        var mode = Mode ?? Environment?.GetValueOrDefault("mode");
        if (mode is not null && WatchdogModes.Normalize(mode) is null)
        {
            errors.Add($"mode: '{mode}' is not a watchdog mode (serializing, streaming or http)");
        }
        else if (TemplateCatalog.Get(Lang) is { IsPython: true } && WatchdogModes.Normalize(mode) == WatchdogModes.Streaming)
        {
            errors.Add($"mode: lang {Lang} runs in serializing (fork) or http mode, not streaming");
        }

        return errors;
    }
}
