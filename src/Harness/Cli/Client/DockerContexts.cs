using Harness.Platform.Kubernetes;
using Harness.Platform.Stack;
using Harness.Platform.Templates;
using Harness.Platform.Watchdog;
using Spectre.Console;

namespace Harness.Cli.Client;

/// <summary><c>build --dockerfile</c>: a container build context per built function.</summary>
internal static class DockerContexts
{
    public static bool Write(IAnsiConsole console, StackFile stack, StackSettings settings)
    {
        if (!WatchdogLocator.TryFind(out var watchdog))
        {
            console.MarkupLine("[red]error[/] --dockerfile needs the watchdog binary: run ./build.sh or set HARNESS_WATCHDOG");
            return false;
        }

        foreach (var function in StackLoader.Selected(stack, settings).Where(StackBuild.IsBuildable))
        {
            var artifact = FunctionBuilder.Load(StackBuild.OutputDirectory(stack, function));
            var path = DockerContext.Write(artifact, watchdog);
            console.MarkupLineVerbatim($"Wrote {Path.GetRelativePath(stack.Directory, path)}: docker build -t {artifact.Image} {Path.GetRelativePath(stack.Directory, artifact.Directory)}");
        }

        return true;
    }
}
