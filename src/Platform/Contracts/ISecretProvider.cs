namespace Harness.Platform.Contracts;

/// <summary>An optional ability: providers without it answer 501 on <c>/system/secrets</c>.</summary>
public interface ISecretProvider
{
    Task<IReadOnlyList<SecretSpec>> ListSecretsAsync(string @namespace, CancellationToken cancellationToken);

    Task<ProviderResult> CreateSecretAsync(SecretSpec secret, CancellationToken cancellationToken);

    Task<ProviderResult> UpdateSecretAsync(SecretSpec secret, CancellationToken cancellationToken);

    Task<ProviderResult> DeleteSecretAsync(string name, string @namespace, CancellationToken cancellationToken);
}
