using System.Net;

namespace Harness.Platform.Client;

/// <summary>How a deploy went: the final status, whether the function was created (POST) or updated (PUT), and the gateway's warnings.</summary>
/// <param name="StatusCode">The status of the PUT or POST that succeeded (2xx; OpenFaaS answers 202).</param>
/// <param name="Created">True when the function was created (POST), false when an existing one was updated (PUT).</param>
/// <param name="Warnings">What the gateway warned about while accepting it (a Harness gateway only; other gateways send none); null or empty when none.</param>
public sealed record DeployResult(HttpStatusCode StatusCode, bool Created, IReadOnlyList<string>? Warnings = null);
