using Harness.Platform.Contracts;

namespace Harness.Platform.Tests.Local;

/// <summary>A namespace's secrets live and go with it: none made without it, none outliving it into a namespace made later.</summary>
public sealed class NamespaceSecretTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_secret_needs_its_namespace_and_keeps_that_namespace_from_being_removed()
    {
        await using var f = new ProviderFixture(configure: o => o with { UseCgroups = false });

        var orphan = await f.Provider.CreateSecretAsync(new SecretSpec { Name = "db", Value = "x", Namespace = "team-a" }, None);
        Assert.Equal(ProviderOutcome.Invalid, orphan.Outcome);
        Assert.Contains("namespace 'team-a' does not exist", orphan.Message, StringComparison.Ordinal);
        Assert.Empty(await f.Provider.ListSecretsAsync("team-a", None));

        Assert.True((await f.Provider.CreateNamespaceAsync(new FunctionNamespace { Name = "team-a" }, None)).IsOk);
        Assert.True((await f.Provider.CreateSecretAsync(new SecretSpec { Name = "db", Value = "x", Namespace = "team-a" }, None)).IsOk);

        var busy = await f.Provider.DeleteNamespaceAsync("team-a", None);
        Assert.Equal(ProviderOutcome.Invalid, busy.Outcome);
        Assert.Contains("still has 1 secret(s) (db)", busy.Message, StringComparison.Ordinal);
        Assert.NotNull(await f.Provider.GetNamespaceAsync("team-a", None));

        Assert.True((await f.Provider.DeleteSecretAsync("db", "team-a", None)).IsOk);
        Assert.True((await f.Provider.DeleteNamespaceAsync("team-a", None)).IsOk);
        Assert.True((await f.Provider.CreateNamespaceAsync(new FunctionNamespace { Name = "team-a" }, None)).IsOk);
        Assert.Empty(await f.Provider.ListSecretsAsync("team-a", None));
    }

    [Fact]
    public async Task Secrets_kept_without_their_namespace_bring_it_back_on_start_instead_of_waiting_for_its_next_owner()
    {
        var state = Directory.CreateTempSubdirectory("harness-provider-").FullName;
        try
        {
            // What a platform before the namespace checks left: a removed namespace's secret still on disk.
            var folder = Directory.CreateDirectory(Path.Combine(state, "secrets", "gone"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "token"), "s3cr3t");

            await using var f = new ProviderFixture(state, o => o with { UseCgroups = false });
            await f.Provider.StartAsync(None);

            Assert.NotNull(await f.Provider.GetNamespaceAsync("gone", None));
            Assert.Equal("token", Assert.Single(await f.Provider.ListSecretsAsync("gone", None)).Name);
            Assert.Equal(ProviderOutcome.Invalid, (await f.Provider.DeleteNamespaceAsync("gone", None)).Outcome);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
