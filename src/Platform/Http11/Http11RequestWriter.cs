using System.Buffers;
using System.Globalization;
using System.Text;

namespace Harness.Platform.Http11;

/// <summary>
/// Builds a request head (and, when it fits, the body behind it) in one pooled buffer, so that a small request
/// leaves in a single send. Values are written as Latin-1, the byte-for-byte reading of a header field.
/// </summary>
internal sealed class Http11RequestWriter : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int _length;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public int Length => _length;

    public void RequestLine(string method, string target)
    {
        Ascii(method);
        Byte((byte)' ');
        Ascii(target);
        Ascii(" HTTP/1.1\r\n");
    }

    public void Header(string name, string value)
    {
        Ascii(name);
        Ascii(": ");
        Latin1(value);
        Ascii("\r\n");
    }

    public void Header(string name, long value)
    {
        Ascii(name);
        Ascii(": ");
        Reserve(20);
        value.TryFormat(_buffer.AsSpan(_length), out var written, provider: CultureInfo.InvariantCulture);
        _length += written;
        Ascii("\r\n");
    }

    public void EndHead() => Ascii("\r\n");

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>A chunk's size line (hex); an empty chunk is the last one.</summary>
    public void ChunkSize(long size)
    {
        Reserve(20);
        _length += FormatChunkSize(size, _buffer.AsSpan(_length));
    }

    /// <summary>Writes a chunk-size line (hex, CRLF) into <paramref name="destination"/>; the bytes written.</summary>
    public static int FormatChunkSize(long size, Span<byte> destination)
    {
        size.TryFormat(destination, out var written, "x", CultureInfo.InvariantCulture);
        destination[written] = (byte)'\r';
        destination[written + 1] = (byte)'\n';
        return written + 2;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal void Ascii(string text)
    {
        Reserve(text.Length);
        // Non-ASCII in a method or target cannot come from Kestrel; Latin-1 keeps the byte count equal to the char count.
        _length += Encoding.Latin1.GetBytes(text, _buffer.AsSpan(_length));
    }

    private void Latin1(string text)
    {
        Reserve(text.Length);
        _length += Encoding.Latin1.GetBytes(text, _buffer.AsSpan(_length));
    }

    private void Byte(byte value)
    {
        Reserve(1);
        _buffer[_length++] = value;
    }

    private void Reserve(int count)
    {
        if (_length + count <= _buffer.Length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
