namespace Harness.Platform.Kubernetes;

/// <summary>
/// Sends every request on the API client's own HttpClient (its TLS settings and client certificate), signed with the
/// kubeconfig's credentials (bearer token, exec plugin, basic auth), so a plain HttpClient can talk through the pod proxy.
/// </summary>
internal sealed class PodProxyCredentials(k8s.Authentication.ServiceClientCredentials? credentials, HttpClient api) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A request goes out once per HttpClient: the API client gets a copy (the content is the caller's, read once).
        using var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content, Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var (name, values) in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        if (credentials is not null)
        {
            await credentials.ProcessHttpRequestAsync(copy, cancellationToken).ConfigureAwait(false);
        }

        var response = await api.SendAsync(copy, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        copy.Content = null;
        response.RequestMessage = request;
        return response;
    }
}
