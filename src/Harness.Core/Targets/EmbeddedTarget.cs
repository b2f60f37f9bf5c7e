using Harness.Platform;
using Harness.Platform.Client;
using Harness.Platform.Contracts;
using Harness.Platform.Local;
using Harness.Platform.Watchdog;
using Harness.Results;
using Harness.Scenarios;

namespace Harness.Targets;

/// <summary>The embedded platform (gateway + local process provider) started in this process on a free loopback port, and stopped with every replica at the end.</summary>
internal sealed class EmbeddedTarget : IRunTarget
{
    private readonly EmbeddedPlatform platform;
    private readonly string? temporaryState;

    private EmbeddedTarget(EmbeddedPlatform platform, OpenFaasClient client, TargetInfo info, string? temporaryState)
    {
        this.platform = platform;
        Client = client;
        Info = info;
        this.temporaryState = temporaryState;
    }

    public TargetInfo Info { get; }

    /// <summary>The embedded gateway's settings (body limit, upstream timeout), so the compliance check judges the values in force.</summary>
    public static Harness.Platform.Gateway.GatewayOptions GatewayOptions { get; } = new();

    public Uri? Gateway => platform.Url;

    public OpenFaasClient Client { get; }

    public bool VerifyTls => true;

    public static async Task<EmbeddedTarget> StartAsync(TargetDefinition definition, IProgress<string>? status, CancellationToken cancellationToken)
    {
        // Owned, so the folder of a run killed outright is removed by the next run (its replicas by the provider's reaper).
        var temporary = definition.StateDirectory is null ? TemporaryStateFolder.Create("harness-platform-") : null;
        var state = definition.StateDirectory ?? temporary!;
        var watchdog = WatchdogLocator.Find();
        EmbeddedPlatform? platform = null;
        try
        {
            platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
            {
                Port = 0,
                StateDirectory = state,
                Gateway = GatewayOptions,
                ProviderFactory = async (ctx, ct) =>
                {
                    var provider = new LocalProvider(new LocalProviderOptions
                    {
                        StateDirectory = Path.Combine(ctx.StateDirectory, "provider"),
                        WatchdogPath = watchdog,
                        TimeProvider = ctx.Time,
                    });
                    await provider.StartAsync(ct).ConfigureAwait(false);
                    return provider;
                },
            }, cancellationToken).ConfigureAwait(false);
            var client = OpenFaasClient.Create(platform.Url, GatewayCredentials.Basic(platform.Credentials.User, platform.Credentials.Password));
            var info = new TargetInfo
            {
                Name = definition.Name,
                Kind = "embedded",
                GatewayUrl = platform.Url.ToString(),
                Provider = platform.Provider.Info.Name,
                Flavour = GatewayFlavour.Harness,
                ReportedProvider = platform.Provider.Info.Name,
                Orchestration = platform.Provider.Info.Orchestration,
                ProviderVersion = platform.Provider.Info.Version.Release,
                DeclaredLocation = definition.Location,
                MonthlyPrice = definition.MonthlyPrice,
            };
            var target = new EmbeddedTarget(platform, client, info, temporary);
            if (definition.Stack is { } stack)
            {
                status?.Report($"deploying {Path.GetFileName(stack)}");
                await StackInstaller.DeployAsync(client, stack, Path.Combine(state, "build"), cancellationToken).ConfigureAwait(false);
            }

            return target;
        }
        catch
        {
            if (platform is not null)
            {
                await platform.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            TryDelete(temporary);
            throw;
        }
    }

    public async Task<IReadOnlyList<Uri>> DirectEndpointsAsync(string function, CancellationToken cancellationToken)
    {
        var endpoints = await platform.Provider.ResolveAsync(function, PlatformDefaults.FunctionNamespace, cancellationToken).ConfigureAwait(false);
        return endpoints.Select(e => e.Address).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        // Stops the gateway and every replica the provider started: nothing is left running after the run.
        await platform.StopAsync(CancellationToken.None).ConfigureAwait(false);
        TryDelete(temporaryState);
    }

    private static void TryDelete(string? directory)
    {
        try
        {
            if (directory is not null && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary folder is harmless; the run's results matter more.
        }
    }
}
