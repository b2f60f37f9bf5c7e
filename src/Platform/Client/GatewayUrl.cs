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

    /// <summary>
    /// Why <paramref name="url"/> (as <see cref="Resolve"/> takes it: without a scheme it is http://) cannot be a
    /// gateway URL, or null: it must be an absolute http:// or https:// URL with a host.
    /// </summary>
    public static string? Problem(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        // Normalise would turn "http://" into "http://http:"; a URL with a scheme is checked as written.
        var trimmed = url.Trim();
        var candidate = trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : "http://" + trimmed;
        return Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? null
            : $"'{url}' is not an http:// or https:// URL";
    }

    private static string Normalise(string url)
    {
        var trimmed = url.Trim().TrimEnd('/');
        return trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : "http://" + trimmed;
    }
}
