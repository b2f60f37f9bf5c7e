using Harness.Platform.Client;
using Harness.Results;
using Harness.Scenarios;

namespace Harness.Targets;

/// <summary>A gateway somewhere else: credentials from the environment or faas-cli's login store, TLS verified unless the target file says otherwise.</summary>
internal sealed class RemoteTarget(TargetDefinition definition, OpenFaasClient client) : IRunTarget
{
    public TargetInfo Info { get; } = new()
    {
        Name = definition.Name,
        Kind = "remote",
        GatewayUrl = definition.Gateway?.ToString(),
        Provider = definition.Provider,
        DeclaredLocation = definition.Location,
        MonthlyPrice = definition.MonthlyPrice,
    };

    public Uri? Gateway => definition.Gateway;

    public OpenFaasClient Client => client;

    public bool VerifyTls => definition.TlsVerify;

    public static async Task<RemoteTarget> ConnectAsync(TargetDefinition definition, CancellationToken cancellationToken)
    {
        var gateway = definition.Gateway ?? throw new ScenarioRunException($"{definition.File}: no gateway URL");
        var credentials = Credentials(definition, gateway);
        var client = OpenFaasClient.Create(gateway, credentials, new OpenFaasClientOptions { TlsNoVerify = !definition.TlsVerify });
        try
        {
            // Fail early and clearly when the gateway is unreachable or refuses the credentials.
            await client.GetInfoAsync(cancellationToken).ConfigureAwait(false);
            if (definition.Stack is { } stack)
            {
                await StackInstaller.DeployAsync(client, stack, Directory.CreateTempSubdirectory("harness-build-").FullName, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is HttpRequestException or OpenFaasApiException)
        {
            client.Dispose();
            throw new ScenarioRunException($"{definition.File}: gateway {gateway}: {e.Message}", e);
        }

        return new RemoteTarget(definition, client);
    }

    public Task<IReadOnlyList<Uri>> DirectEndpointsAsync(string function, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<Uri>>([]);

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static GatewayCredentials? Credentials(TargetDefinition definition, Uri gateway)
    {
        var user = Environment.GetEnvironmentVariable(definition.UserEnv);
        var password = Environment.GetEnvironmentVariable(definition.PasswordEnv);
        if (!string.IsNullOrEmpty(password))
        {
            return GatewayCredentials.Basic(string.IsNullOrEmpty(user) ? "admin" : user, password);
        }

        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value?.ToString() ?? "", StringComparer.Ordinal);
        var directory = FaasCliConfig.ResolveDirectory(environment, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), Directory.GetCurrentDirectory());
        return new FaasCliConfig(directory).Lookup(gateway.AbsoluteUri.TrimEnd('/'));
    }
}
