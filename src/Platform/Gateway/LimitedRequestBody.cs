using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Gateway;

/// <summary>
/// A chunked request body that fails with a 413 <see cref="BadHttpRequestException"/> once more than the limit has been
/// read. Kestrel's own limit counts the chunk framing too, so a body just under the limit was refused with it.
/// </summary>
internal sealed class LimitedRequestBody(Stream inner, long limit, Action exceeded) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            exceeded();
            throw new BadHttpRequestException(FunctionBodyLimitMiddleware.Message(null, limit), StatusCodes.Status413PayloadTooLarge);
        }

        return read;
    }
}
