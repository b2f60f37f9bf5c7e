using System.Formats.Tar;
using System.IO.Compression;
using Harness.Platform.Client;
using Harness.Platform.Contracts;
using Harness.Platform.Stack;
using Harness.Platform.Templates;

namespace Harness.Targets;

/// <summary>
/// Deploys a stack's functions through the gateway API only (so it works against any gateway), then waits until each is
/// ready; the Harness-only artifact store is used only when asked (the gateway is Harness's), else images are deployed by
/// name as faas-cli deploy does. <see cref="MissingAsync"/> checks a stack is deployed without touching it.
/// </summary>
internal static class StackInstaller
{
    /// <param name="problems">When given, a function the gateway refuses or that never gets ready is recorded here and the others still deploy; else the first such problem throws.</param>
    public static async Task<IReadOnlyList<string>> DeployAsync(
        OpenFaasClient client, string stackPath, string buildDirectory, CancellationToken cancellationToken, bool pushArtifacts = true, List<string>? problems = null)
    {
        var stack = Parse(stackPath);
        var names = new List<string>();
        foreach (var function in stack.Functions)
        {
            var deployment = function.Deployment;
            if (pushArtifacts && function.Lang is { } lang && function.HandlerPath is { } handler && !function.SkipBuild)
            {
                var artifact = FunctionBuilder.Build(new FunctionBuildRequest
                {
                    FunctionName = function.Name,
                    Lang = lang,
                    HandlerDirectory = handler,
                    OutputDirectory = Path.Combine(buildDirectory, function.Name),
                    Image = deployment.Image,
                    Fprocess = deployment.EnvProcess,
                    Environment = deployment.EnvVars,
                });
                await PushAsync(client, deployment.Image, artifact.Directory, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await client.DeployAsync(deployment, cancellationToken).ConfigureAwait(false);
                names.Add(function.Name);
            }
            catch (OpenFaasApiException e) when (problems is not null)
            {
                problems.Add($"deploy {function.Name} ({deployment.Image}): {e.Message}");
            }
        }

        var poller = new StatusPoller(client, 20, TimeProvider.System);
        var ready = new List<string>();
        foreach (var name in names)
        {
            try
            {
                await poller.WaitReadyAsync(name, TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);
                ready.Add(name);
            }
            catch (TimeoutException e) when (problems is not null)
            {
                problems.Add(e.Message + " (is its image pullable by the cluster?)");
            }
        }

        return ready;
    }

    /// <summary>The stack's functions as the gateway describes them, and the names of those it does not list, in stack order.</summary>
    public static async Task<(IReadOnlyList<FunctionStatus> Found, IReadOnlyList<string> Missing)> CheckAsync(OpenFaasClient client, string stackPath, CancellationToken cancellationToken)
    {
        var found = new List<FunctionStatus>();
        var missing = new List<string>();
        foreach (var function in Parse(stackPath).Functions)
        {
            if (await client.GetFunctionAsync(function.Name, function.Deployment.Namespace, usage: false, cancellationToken).ConfigureAwait(false) is { } status)
            {
                found.Add(status);
            }
            else
            {
                missing.Add(function.Name);
            }
        }

        return (found, missing);
    }

    /// <summary>Polls the gateway until the function has a ready replica; the time it took is the deploy→ready latency.</summary>
    public static Task WaitReadyAsync(OpenFaasClient client, string name, TimeSpan timeout, CancellationToken cancellationToken)
        => new StatusPoller(client, 20, TimeProvider.System).WaitReadyAsync(name, timeout, cancellationToken);

    private static StackFile Parse(string stackPath)
    {
        var parsed = StackFileParser.FromProcessEnvironment().ParseFile(stackPath);
        return parsed.Stack ?? throw new ScenarioRunException($"{stackPath}: {string.Join("; ", parsed.Errors.Select(e => e.ToString()))}");
    }

    private static async Task PushAsync(OpenFaasClient client, string image, string directory, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await TarFile.CreateFromDirectoryAsync(directory, gzip, includeBaseDirectory: false, cancellationToken).ConfigureAwait(false);
        }

        buffer.Position = 0;
        await client.PutArtifactAsync(image, buffer, cancellationToken).ConfigureAwait(false);
    }
}
