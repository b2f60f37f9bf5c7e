using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Harness.Platform.Contracts;
using Harness.Platform.Local;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Platform.Tests.Local;

/// <summary>Artifact garbage collection: the newest N versions per image stay, and so does every version a function uses.</summary>
public sealed class ArtifactCollectionTests : IDisposable
{
    private const string Ns = PlatformDefaults.FunctionNamespace;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-artifact-gc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A fork-mode function (<c>cat</c>) whose artifact differs per version by one file, so each version has its own digest.</summary>
    private static MemoryStream Version(int n)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gz, TarEntryFormat.Ustar, leaveOpen: true))
        {
            // Fixed times, so the same version always has the same bytes (and digest).
            var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "version.txt") { ModificationTime = at, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(n.ToString(System.Globalization.CultureInfo.InvariantCulture))) });
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, ArtifactManifest.FileName) { ModificationTime = at, DataStream = new MemoryStream("""{"fprocess":"cat"}"""u8.ToArray()) });
        }

        ms.Position = 0;
        return ms;
    }

    private static string VersionDir(string artifacts, string image, string digest) =>
        Path.Combine(artifacts, LocalArtifactStore.SafeName(image), digest["sha256:".Length..][..16]);

    [Fact]
    public async Task Keeps_the_newest_n_and_the_versions_in_use_and_a_repush_counts_as_new()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new LocalArtifactStore(_dir, time);
        var digests = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            Assert.True((await store.PutAsync("me/fn:1", Version(i), None)).IsOk);
            digests.Add(store.TryGetCurrent("me/fn:1")!.Value.Digest);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        var removed = await store.CollectAsync(2, new HashSet<string> { digests[0] }, None);

        Assert.Equal(2, removed.Count);
        Assert.NotNull(store.TryGetVersion("me/fn:1", digests[0])); // in use
        Assert.Null(store.TryGetVersion("me/fn:1", digests[1]));
        Assert.Null(store.TryGetVersion("me/fn:1", digests[2]));
        Assert.NotNull(store.TryGetVersion("me/fn:1", digests[3]));
        Assert.NotNull(store.TryGetVersion("me/fn:1", digests[4]));

        // Pushing version 4 again makes it current and the newest; nothing uses version 1 any more.
        Assert.True((await store.PutAsync("me/fn:1", Version(4), None)).IsOk);
        await store.CollectAsync(1, new HashSet<string>(), None);

        Assert.Equal(digests[3], store.TryGetCurrent("me/fn:1")!.Value.Digest);
        Assert.Null(store.TryGetVersion("me/fn:1", digests[0]));
        Assert.Null(store.TryGetVersion("me/fn:1", digests[4]));
        Assert.Equal(["version.txt", ArtifactManifest.FileName], Directory.EnumerateFiles(store.TryGetVersion("me/fn:1", digests[3])!).Select(Path.GetFileName).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task Push_and_deploy_collect_but_never_the_version_a_deployed_function_runs()
    {
        await using var f = new ProviderFixture(configure: o => o with { ArtifactVersionsToKeep = 1, UseCgroups = false });
        var artifacts = Path.Combine(f.StateDirectory, "artifacts");
        async Task<string> PushAsync(int n)
        {
            Assert.True((await f.Provider.PutAsync("me/fn:1", Version(n), None)).IsOk);
            return Assert.Single(await f.Provider.ListAsync(None)).Digest;
        }

        var d1 = await PushAsync(1);
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "gc", Image = "me/fn:1" }, None)).IsOk);
        var first = (await f.WaitReadyAsync("gc", 1))[0];
        var d2 = await PushAsync(2);
        var d3 = await PushAsync(3);

        Assert.True(Directory.Exists(VersionDir(artifacts, "me/fn:1", d1))); // the deployed function runs it
        Assert.False(Directory.Exists(VersionDir(artifacts, "me/fn:1", d2)));
        Assert.True(Directory.Exists(VersionDir(artifacts, "me/fn:1", d3))); // current
        f.Remember([first]);
        Assert.Equal((200, "still here"), await ProviderFixture.CallAsync(first, body: "still here"));
        await f.Provider.CollectArtifactsNowAsync(None);
        Assert.True(Directory.Exists(VersionDir(artifacts, "me/fn:1", d1)));

        // Updating moves the function to the current version; once its old replica is gone, the next push collects version 1.
        Assert.True((await f.Provider.UpdateAsync(new FunctionDeployment { Service = "gc", Image = "me/fn:1" }, None)).IsOk);
        await Poll.UntilAsync(async () => (await f.Provider.ResolveAsync("gc", Ns, None)) is [var e] && e.InstanceId != first.InstanceId,
            ProviderFixture.Deadline, "the updated replica");
        await Poll.UntilAsync(async () =>
        {
            await f.Provider.CollectArtifactsNowAsync(None);
            return !Directory.Exists(VersionDir(artifacts, "me/fn:1", d1));
        }, ProviderFixture.Deadline, "version 1 to be collected once its last replica stopped");
        Assert.Empty(f.SurvivingProcesses());
        var d4 = await PushAsync(4);

        Assert.True(Directory.Exists(VersionDir(artifacts, "me/fn:1", d3))); // the function runs it now
        Assert.True(Directory.Exists(VersionDir(artifacts, "me/fn:1", d4)));
    }
}
