using System.Globalization;
using System.Net;
using Harness.Platform.Client;
using Harness.Platform.Stack;
using Harness.Platform.Templates;
using Spectre.Console;

namespace Harness.Cli.Client;

/// <summary>The build and push steps shared by <c>build</c>, <c>push</c> and <c>up</c>; each function goes on its own.</summary>
internal static class ArtifactSteps
{
    /// <summary>
    /// Builds every selected function that has a lang and a handler: 0, or 2 when a handler cannot be built (bad input:
    /// the template, its requirements), 1 when the disk failed.
    /// </summary>
    public static int Build(IAnsiConsole console, StackFile stack, StackSettings settings, TimeProvider time)
    {
        var code = 0;
        foreach (var function in StackLoader.Selected(stack, settings))
        {
            if (!StackBuild.IsBuildable(function))
            {
                console.MarkupLineVerbatim($"Skipping build of {function.Name}: {(function.SkipBuild ? "skip_build is set" : "no lang or handler")}.");
                continue;
            }

            try
            {
                var artifact = FunctionBuilder.Build(StackBuild.ToRequest(stack, function), time);
                console.MarkupLineVerbatim($"Built {function.Name} ({artifact.Lang}, {artifact.Mode} mode) as {artifact.Image} in {Path.GetRelativePath(stack.Directory, artifact.Directory)}");
            }
            catch (FunctionBuildException ex)
            {
                code = ExitCodes.UsageError;
                foreach (var error in ex.Errors)
                {
                    console.MarkupLineVerbatim($"[red]error[/] {stack.Path}: functions.{function.Name}: {error}");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                code = code == 0 ? GatewayErrors.Failed : code;
                console.MarkupLineVerbatim($"[red]error[/] building {function.Name}: {ex.Message}");
            }
        }

        return code;
    }

    /// <summary>Uploads each built function to <c>PUT /system/artifacts</c>; exit code 0 or 1.</summary>
    public static async Task<int> PushAsync(IAnsiConsole console, OpenFaasClient client, string url, StackFile stack, StackSettings settings, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var function in StackLoader.Selected(stack, settings).Where(StackBuild.IsBuildable))
        {
            var directory = StackBuild.OutputDirectory(stack, function);
            if (!File.Exists(Path.Combine(directory, FunctionArtifact.ManifestFileName)))
            {
                console.MarkupLineVerbatim($"[red]error[/] {function.Name} is not built ({Path.GetRelativePath(stack.Directory, directory)} is missing): run harness build first");
                failed++;
                continue;
            }

            var code = await GatewayErrors.RunAsync(console, url, cancellationToken, async () =>
            {
                var archive = await ArtifactArchive.CreateTemporaryAsync(directory, cancellationToken).ConfigureAwait(false);
                await using (archive.ConfigureAwait(false))
                {
                    var size = archive.Length;
                    try
                    {
                        var stored = await client.PutArtifactAsync(function.Deployment.Image, archive, cancellationToken).ConfigureAwait(false);
                        var digest = stored is null ? "" : $", {stored.Digest}";
                        console.MarkupLineVerbatim($"Pushed {function.Deployment.Image} to {url} ({size.ToString("N0", CultureInfo.InvariantCulture)} bytes{digest})");
                        return 0;
                    }
                    catch (OpenFaasApiException ex) when (ex.StatusCode is HttpStatusCode.NotImplemented or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
                    {
                        console.MarkupLineVerbatim($"[red]error[/] {url} has no artifact store ({(int)ex.StatusCode}): it is not a Harness platform; publish an image with docker push instead");
                        return GatewayErrors.Failed;
                    }
                }
            }).ConfigureAwait(false);
            failed += code == 0 ? 0 : 1;
        }

        return failed == 0 ? 0 : GatewayErrors.Failed;
    }

    /// <summary>True when the gateway runs on this machine, where a build also fills the platform's store (like docker build fills the local image cache).</summary>
    public static bool IsLocal(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
}
