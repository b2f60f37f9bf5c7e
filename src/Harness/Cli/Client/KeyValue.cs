namespace Harness.Cli.Client;

/// <summary>Parses faas-cli's <c>KEY=VALUE</c> flags (<c>-H</c>, <c>--query</c>).</summary>
internal static class KeyValue
{
    public static KeyValuePair<string, string>? TryParse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0 ? null : new KeyValuePair<string, string>(text[..equals], text[(equals + 1)..]);
    }

    public static List<KeyValuePair<string, string>> ParseAll(IEnumerable<string> texts) =>
        texts.Select(TryParse).OfType<KeyValuePair<string, string>>().ToList();
}
