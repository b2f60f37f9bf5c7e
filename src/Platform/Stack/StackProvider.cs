namespace Harness.Platform.Stack;

/// <summary>The stack's <c>provider</c> section: always <c>openfaas</c>, with an optional gateway URL.</summary>
/// <param name="Name">The provider name, <c>openfaas</c>.</param>
/// <param name="Gateway">The stack's <c>provider.gateway</c> URL as written (see <see cref="Client.GatewayUrl.Resolve"/>); null when not given.</param>
public sealed record StackProvider(string Name, string? Gateway);
