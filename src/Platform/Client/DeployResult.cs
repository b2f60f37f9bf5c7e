using System.Net;

namespace Harness.Platform.Client;

/// <summary>How a deploy went: the final status, whether the function was created (POST) or updated (PUT), and the gateway's warnings.</summary>
public sealed record DeployResult(HttpStatusCode StatusCode, bool Created, IReadOnlyList<string>? Warnings = null);
