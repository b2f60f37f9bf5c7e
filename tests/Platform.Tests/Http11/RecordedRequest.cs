namespace Harness.Platform.Tests.Http11;

/// <summary>One request as the scripted upstream received it.</summary>
internal sealed record RecordedRequest(string RequestLine, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, bool Chunked, int Connection)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public int Count(string name) => Headers.Count(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
}
