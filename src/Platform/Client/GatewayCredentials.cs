using System.Net.Http.Headers;
using System.Text;

namespace Harness.Platform.Client;

/// <summary>How to authenticate to a gateway: HTTP Basic (user and password) or a bearer token (faas-cli's oauth2).</summary>
public sealed record GatewayCredentials
{
    internal const string BasicKind = "basic";
    internal const string OAuth2Kind = "oauth2";

    private GatewayCredentials(string kind, string token)
    {
        Kind = kind;
        Token = token;
    }

    /// <summary><c>basic</c> or <c>oauth2</c>, as faas-cli writes it.</summary>
    public string Kind { get; }

    /// <summary>For basic: base64 of <c>user:password</c>; for oauth2: the bearer token.</summary>
    public string Token { get; }

    /// <summary>HTTP Basic credentials; the user name may not contain <c>:</c> (the password may).</summary>
    public static GatewayCredentials Basic(string user, string password) =>
        new(BasicKind, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    internal static GatewayCredentials Bearer(string token) => new(OAuth2Kind, token);

    /// <summary>Credentials as stored in faas-cli's config file; null when the kind is unknown.</summary>
    internal static GatewayCredentials? FromStored(string? kind, string? token) => (kind, token) switch
    {
        (BasicKind, { Length: > 0 }) => new(BasicKind, token),
        (OAuth2Kind, { Length: > 0 }) => new(OAuth2Kind, token),
        _ => null,
    };

    /// <summary>The user name of basic credentials (null for a bearer token or a malformed token).</summary>
    public string? User => TryGetBasic(out var user, out _) ? user : null;

    /// <summary>The user and password of basic credentials; false for a bearer token or a malformed one.</summary>
    public bool TryGetBasic(out string user, out string password)
    {
        user = password = string.Empty;
        if (Kind != BasicKind)
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(Token));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    internal AuthenticationHeaderValue ToHeader() =>
        new(Kind == BasicKind ? "Basic" : "Bearer", Token);

    // Keep the secret out of logs and exception messages.
    /// <summary>The kind only: the secret stays out of logs and exception messages.</summary>
    public override string ToString() => $"{Kind} credentials";
}
