using System.Text;

namespace Harness.Platform.Tests.Http11;

/// <summary>What the scripted upstream writes back: raw parts (sent one by one), then optionally a close.</summary>
internal sealed record Reply(IReadOnlyList<byte[]> Parts, bool Close = false, Task? PauseBetweenParts = null)
{
    public static Reply Raw(string text, bool close = false) => new([Encoding.Latin1.GetBytes(text)], close);

    public static Reply Ok(string body, string extraHeaders = "") =>
        Raw($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n{extraHeaders}\r\n{body}");
}
