namespace Harness.Platform.Client;

/// <summary>Chooses the gateway URL the way faas-cli does.</summary>
public static class GatewayUrl
{
    internal const string Default = "http://127.0.0.1:8080";

    /// <summary>The environment variable faas-cli reads the gateway URL from.</summary>
    public const string EnvironmentVariable = "OPENFAAS_URL";

    /// <summary>
    /// <c>--gateway</c>, then the stack's <c>provider.gateway</c>, then <c>OPENFAAS_URL</c>, then the default. As in
    /// faas-cli, a flag or stack value equal to the default does not override <c>OPENFAAS_URL</c>. A trailing '/'
    /// is removed and a URL without a scheme gets <c>http://</c>.
    /// </summary>
    public static string Resolve(string? flag, string? stackGateway, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string chosen;
        if (!string.IsNullOrEmpty(flag) && Normalise(flag) != Default)
        {
            chosen = flag;
        }
        else if (!string.IsNullOrEmpty(stackGateway) && Normalise(stackGateway) != Default)
        {
            chosen = stackGateway;
        }
        else if (environment.TryGetValue(EnvironmentVariable, out var fromEnvironment) && fromEnvironment.Length > 0)
        {
            chosen = fromEnvironment;
        }
        else
        {
            chosen = Default;
        }

        return Normalise(chosen);
    }

    private static string Normalise(string url)
    {
        var trimmed = url.Trim().TrimEnd('/');
        return trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : "http://" + trimmed;
    }
}
