using System.Text;

namespace Harness.Testing;

/// <summary>What <see cref="ScriptedUpstream"/> writes back: raw parts, sent one by one, then how the connection ends.</summary>
/// <param name="Parts">The bytes to send, one send each.</param>
/// <param name="End">What happens to the connection after the last part.</param>
/// <param name="PauseBetweenParts">When set, awaited between two parts (a test's signal to go on).</param>
public sealed record Reply(IReadOnlyList<byte[]> Parts, ReplyEnd End = ReplyEnd.KeepOpen, Task? PauseBetweenParts = null)
{
    /// <summary>The text as one part, Latin-1, closed afterwards when <paramref name="close"/>.</summary>
    public static Reply Raw(string text, bool close = false) => new([Encoding.Latin1.GetBytes(text)], close ? ReplyEnd.Close : ReplyEnd.KeepOpen);

    /// <summary>A 200 with a text body and its Content-Length.</summary>
    public static Reply Ok(string body, string extraHeaders = "") =>
        Raw($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n{extraHeaders}\r\n{body}");

    /// <summary>The text one byte per send: an answer a parser must put together from pieces.</summary>
    public static Reply Trickle(string text) => new(Encoding.Latin1.GetBytes(text).Select(b => new[] { b }).ToList());

    /// <summary>Nothing sent, the connection then ended as <paramref name="end"/> says.</summary>
    public static Reply Nothing(ReplyEnd end) => new([], end);
}
