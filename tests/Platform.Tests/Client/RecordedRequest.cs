namespace Harness.Platform.Tests.Client;

/// <summary>One request the loopback gateway received.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
