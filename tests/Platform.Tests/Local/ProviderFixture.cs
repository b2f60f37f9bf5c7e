using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Harness.Platform.Contracts;
using Harness.Platform.Local;

namespace Harness.Platform.Tests.Local;

/// <summary>A real <see cref="LocalProvider"/> on a temporary state folder, plus helpers to call its replicas.</summary>
internal sealed class ProviderFixture : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    public static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly bool _ownsState;
    private readonly HashSet<string> _seenReplicas = [];

    public ProviderFixture(string? stateDirectory = null, Func<LocalProviderOptions, LocalProviderOptions>? configure = null)
    {
        _ownsState = stateDirectory is null;
        StateDirectory = stateDirectory ?? Directory.CreateTempSubdirectory("harness-provider-").FullName;
        var options = new LocalProviderOptions
        {
            StateDirectory = StateDirectory,
            WatchdogPath = TestWatchdog.Path,
            StopGracePeriod = TimeSpan.FromSeconds(3),
            ReadinessTimeout = TimeSpan.FromSeconds(20),
            RestartBackoffInitial = TimeSpan.FromMilliseconds(50),
            // As root every replica is sandboxed; elsewhere the tests run unsandboxed, as an operator would have to ask.
            InsecureNoSandbox = !Environment.IsPrivilegedProcess,
        };
        Provider = new LocalProvider(configure?.Invoke(options) ?? options);
    }

    public string StateDirectory { get; }

    public LocalProvider Provider { get; }

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Local", "Fixtures", name);

    /// <summary>Stores the http-mode test function (Fixtures/upstream.py) as artifact <paramref name="image"/>.</summary>
    public async Task PutUpstreamArtifactAsync(string image)
    {
        using var tar = await UpstreamArtifactAsync();
        var result = await Provider.PutAsync(image, tar, CancellationToken.None);
        Assert.True(result.IsOk, result.Message);
    }

    /// <summary>The http-mode test function (Fixtures/upstream.py) as a gzipped tar with its manifest, as <c>harness push</c> sends it.</summary>
    public static async Task<MemoryStream> UpstreamArtifactAsync()
    {
        var manifest = new
        {
            fprocess = "/usr/bin/python3 upstream.py",
            mode = "http",
            environment = new Dictionary<string, string> { ["mode"] = "http", ["upstream_url"] = "http://127.0.0.1:0" },
        };
        var tar = new MemoryStream();
        await using (var gz = new GZipStream(tar, CompressionLevel.Fastest, leaveOpen: true))
        await using (var writer = new TarWriter(gz, TarEntryFormat.Pax, leaveOpen: true))
        {
            await writer.WriteEntryAsync(FixturePath("upstream.py"), "upstream.py");
            var entry = new PaxTarEntry(TarEntryType.RegularFile, ArtifactManifestName)
            {
                DataStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest)),
            };
            await writer.WriteEntryAsync(entry);
        }

        tar.Position = 0;
        return tar;
    }

    public const string ArtifactManifestName = "harness-artifact.json";

    public async Task<IReadOnlyList<FunctionEndpoint>> WaitReadyAsync(string name, int count)
    {
        IReadOnlyList<FunctionEndpoint> ready = [];
        var start = DateTime.UtcNow;
        while ((ready = await Provider.ResolveAsync(name, PlatformDefaults.FunctionNamespace, CancellationToken.None)).Count != count)
        {
            if (DateTime.UtcNow - start > Deadline)
            {
                Assert.Fail($"timed out after {Deadline.TotalSeconds} s waiting for {count} ready replica(s) of {name}; logs:\n{await LogsAsync(name)}");
            }

            await Task.Delay(10);
        }
        Remember(ready);
        return ready;
    }

    public async Task<string> LogsAsync(string name, int tail = 40)
    {
        var sb = new StringBuilder();
        await foreach (var e in Provider.LogsAsync(new LogRequest(name, PlatformDefaults.FunctionNamespace, Tail: tail), CancellationToken.None))
        {
            sb.Append(e.Instance).Append(": ").AppendLine(e.Text);
        }

        return sb.ToString();
    }

    public void Remember(IEnumerable<FunctionEndpoint> endpoints)
    {
        foreach (var e in endpoints)
        {
            _seenReplicas.Add(e.InstanceId);
        }
    }

    public static async Task<(int Status, string Body)> CallAsync(FunctionEndpoint endpoint, string pathAndQuery = "", string body = "", HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, new Uri(endpoint.Address, pathAndQuery)) { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Processes that still carry the marker of a replica this fixture saw.</summary>
    public IReadOnlyList<int> SurvivingProcesses() => [.. _seenReplicas.SelectMany(ProcessSweep.FindByMarker)];

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        if (_ownsState)
        {
            try
            {
                Directory.Delete(StateDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
