using Harness.Platform.Client;
using Harness.Platform.Contracts;
using Harness.Platform.Local;
using Harness.Results;
using Harness.Scenarios;

namespace Harness.Targets;

/// <summary>
/// A gateway somewhere else: credentials from the environment or faas-cli's login store, TLS verified unless the target
/// file says otherwise. <c>/system/info</c> says what it is (recorded, and it decides what the harness may use: the
/// artifact store only on Harness's gateway); a <c>stack:</c> is what the harness expects deployed, and is deployed by
/// image only with <c>deploy: true</c>.
/// </summary>
internal sealed class RemoteTarget : IRunTarget
{
    private readonly TargetDefinition definition;
    private readonly OpenFaasClient client;

    private RemoteTarget(TargetDefinition definition, OpenFaasClient client, TargetInfo info, IReplicaScaler? scaler)
    {
        this.definition = definition;
        this.client = client;
        Info = info;
        ReplicaScaler = scaler;
    }

    public TargetInfo Info { get; }

    public Uri? Gateway => definition.Gateway;

    public OpenFaasClient Client => client;

    public bool VerifyTls => definition.TlsVerify;

    public IReplicaScaler? ReplicaScaler { get; }

    public static async Task<RemoteTarget> ConnectAsync(TargetDefinition definition, CancellationToken cancellationToken)
    {
        var gateway = definition.Gateway ?? throw new ScenarioRunException($"{definition.File}: no gateway URL");
        var credentials = Credentials(definition, gateway);
        var client = OpenFaasClient.Create(gateway, credentials, new OpenFaasClientOptions { TlsNoVerify = !definition.TlsVerify });
        IReplicaScaler? scaler = null;
        try
        {
            // Fail early and clearly when the gateway is unreachable or refuses the credentials.
            var reported = await client.GetInfoAsync(cancellationToken).ConfigureAwait(false);
            var info = GatewayFlavour.Describe(Declared(definition), reported);
            var warnings = new List<string>();
            if (definition.Stack is { } stack)
            {
                if (definition.Deploy)
                {
                    // Harness's gateway builds from source through its artifact store; any other gateway pulls the image, as after faas-cli up.
                    var push = info.Flavour == GatewayFlavour.Harness;
                    // A function that cannot be deployed is a warning: the scenarios that need it say "could not run", the others still run.
                    // The build folder only lives until the artifacts are pushed: nothing of a run is left under /tmp.
                    var build = TemporaryStateFolder.Create("harness-build-");
                    try
                    {
                        await StackInstaller.DeployAsync(client, stack, build, cancellationToken, push, warnings).ConfigureAwait(false);
                    }
                    finally
                    {
                        Directory.Delete(build, recursive: true);
                    }
                }

                var (found, missing) = await StackInstaller.CheckAsync(client, stack, cancellationToken).ConfigureAwait(false);
                warnings.AddRange(missing.Select(f => $"{Path.GetFileName(stack)}: function '{f}' is not deployed on {gateway} (deploy it with faas-cli up, or set deploy: true to deploy its image)"));
                info = info with { Limits = TargetLimits.WithFunctions(info.Limits, found) };
            }

            if (definition.Kubeconfig is { } kubeconfig)
            {
                scaler = Platform.Kubernetes.KubernetesReplicaScaler.Connect(kubeconfig, definition.FunctionNamespace);
            }

            return new RemoteTarget(definition, client, info with { Warnings = warnings }, scaler);
        }
        catch (Exception e) when (e is HttpRequestException or OpenFaasApiException or TimeoutException or Platform.Kubernetes.KubernetesAccessException)
        {
            client.Dispose();
            scaler?.Dispose();
            throw new ScenarioRunException($"{definition.File}: gateway {gateway}: {e.Message}", e);
        }
    }

    public Task<IReadOnlyList<Uri>> DirectEndpointsAsync(string function, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<Uri>>([]);

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        ReplicaScaler?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static TargetInfo Declared(TargetDefinition definition) => new()
    {
        Name = definition.Name,
        Kind = "remote",
        GatewayUrl = definition.Gateway?.ToString(),
        Provider = definition.Provider,
        DeclaredLocation = definition.Location,
        MonthlyPrice = definition.MonthlyPrice,
    };

    private static GatewayCredentials? Credentials(TargetDefinition definition, Uri gateway)
    {
        var user = HostEnvironment.Variable(definition.UserEnv);
        var password = HostEnvironment.Variable(definition.PasswordEnv);
        if (!string.IsNullOrEmpty(password))
        {
            return GatewayCredentials.Basic(string.IsNullOrEmpty(user) ? "admin" : user, password);
        }

        var environment = HostEnvironment.Variables();
        var directory = FaasCliConfig.ResolveDirectory(environment, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), Directory.GetCurrentDirectory());
        return new FaasCliConfig(directory).Lookup(gateway.AbsoluteUri.TrimEnd('/'));
    }
}
