using System.Net;

namespace Harness.Platform.Client;

/// <summary>How a deploy went: the final status and whether the function was created (POST) or updated (PUT).</summary>
public sealed record DeployResult(HttpStatusCode StatusCode, bool Created);
