using Harness.Platform.Templates;

namespace Harness.Platform.Stack;

/// <summary>Where and how a stack's functions are built, in faas-cli's layout: <c>build/&lt;function&gt;/</c> beside the stack file.</summary>
public static class StackBuild
{
    internal const string BuildFolderName = "build";

    /// <summary>The folder a function is built into.</summary>
    public static string OutputDirectory(StackFile stack, StackFunction function) =>
        Path.Combine(stack.Directory, BuildFolderName, function.Name);

    /// <summary>Whether <c>harness build</c> builds this function (it has a lang and a handler, and no skip_build).</summary>
    public static bool IsBuildable(StackFunction function) =>
        !function.SkipBuild && function.Lang is not null && function.HandlerPath is not null;

    /// <summary>The template builder's request for a function.</summary>
    public static FunctionBuildRequest ToRequest(StackFile stack, StackFunction function)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(function);
        return new FunctionBuildRequest
        {
            FunctionName = function.Name,
            Lang = function.Lang ?? "",
            HandlerDirectory = function.HandlerPath ?? "",
            OutputDirectory = OutputDirectory(stack, function),
            Image = function.Deployment.Image,
            Fprocess = function.Deployment.EnvProcess,
            Environment = function.Deployment.EnvVars,
        };
    }
}
