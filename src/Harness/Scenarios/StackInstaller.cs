using System.Formats.Tar;
using System.IO.Compression;
using Harness.Platform.Client;
using Harness.Platform.Stack;
using Harness.Platform.Templates;

namespace Harness.Scenarios;

/// <summary>Builds, pushes and deploys a stack's functions through the gateway API only (so it works against any gateway), then waits until each is ready.</summary>
internal static class StackInstaller
{
    public static async Task<IReadOnlyList<string>> DeployAsync(OpenFaasClient client, string stackPath, string buildDirectory, CancellationToken cancellationToken)
    {
        var parsed = StackFileParser.FromProcessEnvironment().ParseFile(stackPath);
        if (parsed.Stack is not { } stack)
        {
            throw new ScenarioRunException($"{stackPath}: {string.Join("; ", parsed.Errors.Select(e => e.ToString()))}");
        }

        var names = new List<string>();
        foreach (var function in stack.Functions)
        {
            var deployment = function.Deployment;
            if (function.Lang is { } lang && function.HandlerPath is { } handler && !function.SkipBuild)
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

            await client.DeployAsync(deployment, cancellationToken).ConfigureAwait(false);
            names.Add(function.Name);
        }

        foreach (var name in names)
        {
            await WaitReadyAsync(client, name, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }

        return names;
    }

    /// <summary>Polls the gateway until the function has a ready replica; the time it took is the deploy→ready latency.</summary>
    public static async Task WaitReadyAsync(OpenFaasClient client, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var status = await client.GetFunctionAsync(name, null, usage: false, deadline.Token).ConfigureAwait(false);
                if (status is { AvailableReplicas: > 0 })
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"function '{name}' had no ready replica after {timeout.TotalSeconds:0} s");
        }
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
