using System.Text.RegularExpressions;

namespace Harness.Results.Redaction;

/// <summary>
/// The one redaction every output goes through (results.json, findings.json, the report, summary.md, junit.xml, the
/// console): credentials in URL userinfo, tokens of known shapes in query strings and paths, and the values of keys
/// that look secret are replaced by <see cref="Mask"/>. Hosts, registries, paths and key names stay, so evidence still
/// says what an auditor needs (where a function talks to) without saying how it logs in.
/// </summary>
public static partial class SecretRedactor
{
    /// <summary>What a redacted value is replaced with.</summary>
    public const string Mask = "[REDACTED]";

    /// <summary>Key names (environment variables, YAML/JSON keys, query parameters) whose values are secrets.</summary>
    private const string SecretKey = @"[A-Za-z0-9_.\-]*(?:passw(?:or)?d|pwd|secret|token|api[_\-]?key|access[_\-]?key|private[_\-]?key|credentials?|auth[_\-]?key|client[_\-]?key|session[_\-]?id|signature)[A-Za-z0-9_.\-]*";

    /// <summary>True when a key's value should never be shown (<c>DB_PASSWORD</c>, <c>api-key</c>, <c>X-Auth-Token</c>).</summary>
    public static bool IsSecretKey(string key) => SecretKeyOnly().IsMatch(key);

    /// <summary>The text with every credential it carries masked; null stays null.</summary>
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = UserInfo().Replace(text, m => m.Groups["scheme"].Value + Mask + "@");
        result = AuthorizationHeader().Replace(result, m => m.Groups["head"].Value + Mask);
        result = QueryParameter().Replace(result, m => m.Groups["head"].Value + Mask);
        result = KeyValue().Replace(result, m => m.Groups["head"].Value + Mask);
        result = KnownTokens().Replace(result, Mask);
        result = SlackWebhook().Replace(result, m => m.Groups["head"].Value + Mask);
        return result;
    }

    /// <summary>The value of <paramref name="key"/>: masked whole when the key looks secret, else redacted like any text.</summary>
    public static string? RedactValue(string key, string? value)
        => value is null ? null : IsSecretKey(key) && value.Length > 0 ? Mask : Redact(value);

    [GeneratedRegex("^" + SecretKey + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretKeyOnly();

    // scheme://user:password@host and scheme://token@host: the whole userinfo goes (a lone user part is often a token).
    [GeneratedRegex(@"(?<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*://)[^\s/@'""<>]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"(?<head>\b(?:Proxy-)?Authorization\s*[:=]\s*(?:(?:Basic|Bearer|Token|Digest)\s+)?)(?!\[REDACTED\])[^\s,;'""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationHeader();

    // ?token=…&x-amz-signature=…: query parameters whose names look secret, plus the short names signed URLs use.
    [GeneratedRegex(@"(?<head>[?&;](?:" + SecretKey + @"|sig|key|code|X-Amz-Credential|X-Goog-Credential)=)(?!\[REDACTED\])[^&#\s'""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryParameter();

    // DB_PASSWORD=…, "api_key": "…", password: … (environment lines, YAML, JSON, error messages). A quoted key right
    // after a word and a space is a name a message talks about ("invalid secret name 'My_Secret': expected …"), not a
    // key: JSON and YAML put a quoted key after a line start, indentation, '{' or ','.
    [GeneratedRegex(@"(?<head>(?<![A-Za-z0-9_.\-])(?:" + SecretKey + @"|(?<!\w[ \t])[""']" + SecretKey + @"[""']?)\s*(?:=|:(?!//))\s*[""']?)(?!\[REDACTED\])[^\s,;'""&}\]]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValue();

    // Token shapes that identify themselves anywhere (a path segment, a header value, free text). The look-arounds keep
    // them from matching inside a longer word or an encoded histogram.
    [GeneratedRegex(
        @"(?<![A-Za-z0-9+=_\-])(?:" +
        @"gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_\-]{20,}|xox[abprs]-[A-Za-z0-9\-]{10,}" +
        @"|(?:AKIA|ASIA)[0-9A-Z]{16}|AIza[0-9A-Za-z_\-]{35}|sk_(?:live|test)_[0-9A-Za-z]{16,}|sk-[A-Za-z0-9_\-]{20,}" +
        @"|npm_[A-Za-z0-9]{36}|eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}" +
        @")(?![A-Za-z0-9+=_\-])",
        RegexOptions.CultureInvariant)]
    private static partial Regex KnownTokens();

    [GeneratedRegex(@"(?<head>hooks\.slack\.com/services/)(?!\[REDACTED\])[A-Za-z0-9/]+", RegexOptions.CultureInvariant)]
    private static partial Regex SlackWebhook();
}
