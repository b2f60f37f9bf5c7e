using Harness.Platform.Contracts;

namespace Harness.Platform.Stack;

/// <summary>One function of a stack file: what to deploy, plus what <c>harness build</c> needs to build it.</summary>
public sealed record StackFunction
{
    /// <summary>The function's key under <c>functions:</c>: its name, a DNS-1123 label.</summary>
    public required string Name { get; init; }

    /// <summary>The request sent to <c>/system/functions</c>.</summary>
    public required FunctionDeployment Deployment { get; init; }

    /// <summary>The template name (<see cref="Templates.TemplateCatalog.Languages"/>), or null when the stack gives none.</summary>
    public string? Lang { get; init; }

    /// <summary>The handler folder as written in the stack file.</summary>
    public string? Handler { get; init; }

    /// <summary>The handler folder resolved against the stack file's folder (absolute), or null when none is given.</summary>
    public string? HandlerPath { get; init; }

    /// <summary>The stack's <c>skip_build</c>: <c>harness build</c> leaves the function alone (its image is built elsewhere).</summary>
    public bool SkipBuild { get; init; }

    /// <summary>The stack's <c>build_args</c>, read and kept for faas-cli compatibility; the template builder does not use them. Empty when none.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the function's key is in the stack file.</summary>
    public SourcePosition Position { get; init; }
}
