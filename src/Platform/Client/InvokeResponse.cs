using System.Net;

namespace Harness.Platform.Client;

/// <summary>A function's answer: status, headers (response and content headers together) and body.</summary>
public sealed record InvokeResponse(
    HttpStatusCode StatusCode,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Headers,
    byte[] Body)
{
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;
}
