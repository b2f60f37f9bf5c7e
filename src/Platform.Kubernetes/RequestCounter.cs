namespace Harness.Platform.Kubernetes;

/// <summary>Counts the requests a client sends to the API server, for <see cref="KubernetesProvider.ApiRequests"/>.</summary>
internal sealed class RequestCounter : DelegatingHandler
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return base.SendAsync(request, cancellationToken);
    }
}
