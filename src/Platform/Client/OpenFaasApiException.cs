using System.Net;

namespace Harness.Platform.Client;

/// <summary>A gateway answered a request with a status that the call does not accept.</summary>
public sealed class OpenFaasApiException : Exception
{
    /// <summary>Without a message or status (<see cref="StatusCode"/> is 0).</summary>
    public OpenFaasApiException()
    {
    }

    /// <summary>With <paramref name="message"/> and no status (<see cref="StatusCode"/> is 0).</summary>
    public OpenFaasApiException(string message)
        : base(message)
    {
    }

    /// <summary>With <paramref name="message"/>, the underlying failure and no status (<see cref="StatusCode"/> is 0).</summary>
    public OpenFaasApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal OpenFaasApiException(HttpMethod method, string path, HttpStatusCode statusCode, string body)
        : base(Describe(method, path, statusCode, body))
    {
        StatusCode = statusCode;
        Body = body;
    }

    /// <summary>The status the gateway answered with; 0 when the exception was not made from a response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response body (the gateway's reason), trimmed.</summary>
    public string Body { get; } = "";

    private static string Describe(HttpMethod method, string path, HttpStatusCode statusCode, string body)
    {
        var reason = statusCode switch
        {
            HttpStatusCode.Unauthorized => "unauthorized: log in with `harness login` (or faas-cli login)",
            HttpStatusCode.NotFound => "not found",
            // "409 conflict", not "409 409": the number is printed once, with its name.
            _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase((int)statusCode) is { Length: > 0 } phrase
                ? phrase.ToLowerInvariant()
                : "unexpected status",
        };
        var text = body.Trim();
        return text.Length == 0
            ? $"{method} {path}: {(int)statusCode} {reason}"
            : $"{method} {path}: {(int)statusCode} {reason}: {text}";
    }
}
