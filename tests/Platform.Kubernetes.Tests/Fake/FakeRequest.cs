namespace Harness.Platform.Kubernetes.Tests.Fake;

/// <summary>One call the fake API served, for assertions on how the provider talks to Kubernetes.</summary>
internal sealed record FakeRequest(string Method, string Path, string? ContentType, string? FieldManager, string? Force);
