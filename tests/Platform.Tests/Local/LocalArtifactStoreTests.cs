using System.Formats.Tar;
using System.IO.Compression;
using Harness.Platform.Contracts;
using Harness.Platform.Local;

namespace Harness.Platform.Tests.Local;

public sealed class LocalArtifactStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-artifacts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MemoryStream Archive(string file, string content)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gz, leaveOpen: true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, file) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) });
        }

        ms.Position = 0;
        return ms;
    }

    [Fact]
    public async Task A_new_push_becomes_current_while_the_old_version_stays_for_running_replicas()
    {
        var store = new LocalArtifactStore(_dir, TimeProvider.System);
        Assert.True((await store.PutAsync("me/fn:1", Archive("a.txt", "one"), CancellationToken.None)).IsOk);
        var (v1, d1) = store.TryGetCurrent("me/fn:1")!.Value;
        Assert.True((await store.PutAsync("me/fn:1", Archive("a.txt", "two"), CancellationToken.None)).IsOk);
        var (v2, d2) = store.TryGetCurrent("me/fn:1")!.Value;

        Assert.NotEqual(d1, d2);
        Assert.Equal("one", File.ReadAllText(Path.Combine(v1, "a.txt")));
        Assert.Equal("two", File.ReadAllText(Path.Combine(v2, "a.txt")));
        Assert.Equal(v1, store.TryGetVersion("me/fn:1", d1));
        var info = Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.Equal(d2, info.Digest);
        Assert.Null(store.TryGetCurrent("me/other:1"));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_dir, ".tmp-*", SearchOption.AllDirectories), _ => true);
    }

    [Fact]
    public async Task Garbage_is_refused_and_nothing_is_half_stored()
    {
        var store = new LocalArtifactStore(_dir, TimeProvider.System);
        var result = await store.PutAsync("me/fn:1", new MemoryStream("not a tarball"u8.ToArray()), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Invalid, result.Outcome);
        Assert.Null(store.TryGetCurrent("me/fn:1"));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public void Safe_names_differ_for_references_that_sanitise_alike()
    {
        Assert.NotEqual(LocalArtifactStore.SafeName("a/b:c"), LocalArtifactStore.SafeName("a_b_c"));
        Assert.StartsWith("docker.io_me_fn_0.1-", LocalArtifactStore.SafeName("docker.io/me/fn:0.1"), StringComparison.Ordinal);
    }
}
