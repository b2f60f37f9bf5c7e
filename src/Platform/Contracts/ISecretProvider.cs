namespace Harness.Platform.Contracts;

/// <summary>An optional ability: providers without it answer 501 on <c>/system/secrets</c>.</summary>
/// <remarks>Thread-safe, like <see cref="IFunctionProvider"/>. Values are write-only: nothing here returns them.</remarks>
public interface ISecretProvider
{
    /// <summary>The secrets of <paramref name="namespace"/>, sorted by name, names only (<see cref="SecretSpec.Value"/> and <see cref="SecretSpec.RawValue"/> null).</summary>
    Task<IReadOnlyList<SecretSpec>> ListSecretsAsync(string @namespace, CancellationToken cancellationToken);

    /// <summary>Stores a new secret; <see cref="ProviderOutcome.Conflict"/> when it exists, <see cref="ProviderOutcome.Invalid"/> for a bad name.</summary>
    Task<ProviderResult> CreateSecretAsync(SecretSpec secret, CancellationToken cancellationToken);

    /// <summary>Replaces an existing secret's value; <see cref="ProviderOutcome.NotFound"/> when it does not exist.</summary>
    Task<ProviderResult> UpdateSecretAsync(SecretSpec secret, CancellationToken cancellationToken);

    /// <summary>Removes a secret; <see cref="ProviderOutcome.NotFound"/> when it does not exist.</summary>
    Task<ProviderResult> DeleteSecretAsync(string name, string @namespace, CancellationToken cancellationToken);
}
