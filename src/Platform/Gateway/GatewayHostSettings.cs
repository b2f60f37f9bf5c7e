using System.Net;
using Harness.Platform.Contracts;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Gateway;

/// <summary>What <see cref="GatewayHost"/> needs to build a gateway: the provider, where to listen, and which decorators to wire.</summary>
internal sealed record GatewayHostSettings
{
    public required IFunctionProvider Provider { get; init; }
    public GatewayOptions Options { get; init; } = new();
    public IPAddress Bind { get; init; } = IPAddress.Loopback;
    public int Port { get; init; }

    /// <summary>Null leaves <c>/system/*</c> open (tests and a private loopback gateway only).</summary>
    public BasicAuthCredentials? Credentials { get; init; }

    public bool Metrics { get; init; } = true;
    public bool Scaling { get; init; } = true;
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
