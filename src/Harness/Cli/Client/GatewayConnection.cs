using Harness.Platform.Client;

namespace Harness.Cli.Client;

/// <summary>Chooses the gateway URL and the stored credentials for it, then opens a client, as faas-cli does.</summary>
internal static class GatewayConnection
{
    public static FaasCliConfig Config(CliEnvironment environment) =>
        new(FaasCliConfig.ResolveDirectory(environment.Variables, environment.HomeDirectory, environment.CurrentDirectory));

    /// <summary>
    /// The URL the command talks to. <c>--gateway</c> is checked as it is read (<see cref="GatewayUrlOptionAttribute"/>),
    /// the stack's <c>provider.gateway</c> by the stack parser; what is left to check here is <c>OPENFAAS_URL</c>.
    /// </summary>
    public static string ResolveUrl(GatewaySettings settings, CliEnvironment environment, string? stackGateway = null)
    {
        var url = GatewayUrl.Resolve(settings.Gateway, stackGateway, environment.Variables);
        return GatewayUrl.Problem(url) is { } problem ? throw new CliUsageException($"{GatewayUrl.EnvironmentVariable}: {problem}") : url;
    }

    public static OpenFaasClient Open(GatewaySettings settings, CliEnvironment environment, string? stackGateway = null)
    {
        var url = ResolveUrl(settings, environment, stackGateway);
        var credentials = Config(environment).Lookup(url);
        return OpenFaasClient.Create(new Uri(url), credentials, new OpenFaasClientOptions { TlsNoVerify = settings.TlsNoVerify });
    }
}
