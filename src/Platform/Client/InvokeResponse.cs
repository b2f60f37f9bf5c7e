using System.Net;

namespace Harness.Platform.Client;

/// <summary>A function's answer: status, headers (response and content headers together) and body.</summary>
/// <param name="StatusCode">The status the gateway answered with (the function's own, or the gateway's on a failure such as 502 or 504).</param>
/// <param name="Headers">Response and content headers, by name (case-insensitive), each with its values in order.</param>
/// <param name="Body">The whole response body, read into memory.</param>
public sealed record InvokeResponse(
    HttpStatusCode StatusCode,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Headers,
    byte[] Body)
{
    /// <summary>Whether <see cref="StatusCode"/> is 2xx.</summary>
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;
}
