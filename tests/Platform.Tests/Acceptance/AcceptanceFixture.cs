using System.Formats.Tar;
using System.IO.Compression;
using Harness.Platform.Client;
using Harness.Platform.Contracts;
using Harness.Platform.Local;
using Harness.Platform.Stack;
using Harness.Platform.Templates;

namespace Harness.Platform.Tests.Acceptance;

/// <summary>
/// The platform as a user runs it (<c>harness platform up</c>): the real gateway and the local provider with real
/// watchdogs on loopback, plus a faas-cli-style client logged in with the generated credentials.
/// </summary>
internal sealed class AcceptanceFixture : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);
    private readonly HashSet<string> _seenReplicas = [];

    // A state folder the fixture made is its to delete: it holds the gateway's credentials and the functions' secrets.
    private readonly bool _ownsState;

    private AcceptanceFixture(EmbeddedPlatform platform, string state, bool ownsState)
    {
        Platform = platform;
        StateDirectory = state;
        _ownsState = ownsState;
        Client = OpenFaasClient.Create(platform.Url, GatewayCredentials.Basic(platform.Credentials.User, platform.Credentials.Password));
    }

    public EmbeddedPlatform Platform { get; }

    public LocalProvider Provider => (LocalProvider)Platform.Provider;

    public OpenFaasClient Client { get; }

    public string StateDirectory { get; }

    public static async Task<AcceptanceFixture> StartAsync(string? state = null)
    {
        var ownsState = state is null;
        state ??= Directory.CreateTempSubdirectory("harness-acceptance-").FullName;
        try
        {
            var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
            {
                Port = 0,
                StateDirectory = state,
                // No ProviderFactory: the default wiring, exactly what `harness platform up` runs.
            });
            return new AcceptanceFixture(platform, state, ownsState);
        }
        catch when (ownsState)
        {
            Directory.Delete(state, recursive: true);
            throw;
        }
    }

    public static string FixturePath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Acceptance", "Fixtures", .. parts]);

    /// <summary>What <c>harness up -f stack.yml</c> does: parse, build with the template, push the artifact, deploy (PUT, then POST).</summary>
    public async Task<FunctionDeployment> UpAsync(string stackPath)
    {
        var parsed = new StackFileParser(new Dictionary<string, string>()).ParseFile(stackPath);
        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Errors.Select(e => e.ToString())));
        var fn = Assert.Single(parsed.Stack!.Functions);
        var output = Directory.CreateTempSubdirectory("harness-build-").FullName;
        try
        {
            var artifact = FunctionBuilder.Build(new FunctionBuildRequest
            {
                FunctionName = fn.Name,
                Lang = fn.Lang!,
                HandlerDirectory = fn.HandlerPath!,
                OutputDirectory = output,
                Image = fn.Deployment.Image,
                Environment = fn.Deployment.EnvVars,
            });
            using var tgz = await TarGzAsync(artifact.Directory);
            await Client.PutArtifactAsync(fn.Deployment.Image, tgz);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }

        await Client.DeployAsync(fn.Deployment);
        return fn.Deployment;
    }

    public async Task<InvokeResponse> InvokeAsync(string function, string body, string? path = null, CancellationToken cancellationToken = default) =>
        await Client.InvokeAsync(new InvokeRequest { Function = function, Path = path, Body = System.Text.Encoding.UTF8.GetBytes(body), ContentType = "application/json" }, cancellationToken);

    public async Task<IReadOnlyList<FunctionEndpoint>> WaitReadyAsync(string name, int count)
    {
        var start = DateTime.UtcNow;
        IReadOnlyList<FunctionEndpoint> ready;
        while ((ready = await Provider.ResolveAsync(name, PlatformDefaults.FunctionNamespace, CancellationToken.None)).Count != count)
        {
            Assert.True(DateTime.UtcNow - start < Deadline, $"timed out waiting for {count} ready replica(s) of {name}");
            await Task.Delay(10);
        }

        foreach (var e in ready)
        {
            _seenReplicas.Add(e.InstanceId);
        }

        return ready;
    }

    public void Remember(IEnumerable<FunctionEndpoint> endpoints)
    {
        foreach (var e in endpoints)
        {
            _seenReplicas.Add(e.InstanceId);
        }
    }

    /// <summary>Processes still carrying the marker of a replica this fixture saw.</summary>
    public IReadOnlyList<int> SurvivingProcesses() => [.. _seenReplicas.SelectMany(ProcessSweep.FindByMarker)];

    private static async Task<MemoryStream> TarGzAsync(string directory)
    {
        var ms = new MemoryStream();
        await using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            await TarFile.CreateFromDirectoryAsync(directory, gz, includeBaseDirectory: false);
        }

        ms.Position = 0;
        return ms;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Platform.StopAsync();
        if (_ownsState)
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }
}
