using System.Net;

namespace Harness.Platform.Client;

/// <summary>Request content read from a caller's stream without disposing it (StreamContent would close it).</summary>
internal sealed class LeaveOpenStreamContent(Stream source) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        source.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        source.CopyToAsync(stream, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = source.CanSeek ? source.Length - source.Position : -1;
        return source.CanSeek;
    }
}
