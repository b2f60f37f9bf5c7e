using Harness.Platform.Contracts;

namespace Harness.Platform.Tests.Local;

/// <summary>The watchdog's fork server (docs/platform/fork-server.md) inside the replica sandbox: python3 forked per request, nothing carried over.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SandboxForkServerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [RootFact]
    public async Task Python3_requests_are_fresh_forks_of_a_pre_imported_interpreter_in_the_sandbox()
    {
        var work = Directory.CreateTempSubdirectory("harness-sbx-fork-").FullName;
        try
        {
            await using var f = new ProviderFixture();
            var handler = Path.Combine(work, "classic");
            Directory.CreateDirectory(handler);
            await File.WriteAllTextAsync(Path.Combine(handler, "handler.py"), """
                import os
                IMPORTED_BY = os.getpid()
                calls = []

                def handle(req):
                    calls.append(req)
                    return "%d %d %s %d" % (len(calls), int(IMPORTED_BY != os.getpid()), os.getenv("Http_Method"), os.getuid())
                """);
            await SandboxTemplateTests.PushAsync(f, "python3", handler, Path.Combine(work, "out"), "me/classic:1", null);
            Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "classic", Image = "me/classic:1", ReadOnlyRootFilesystem = true }, None)).IsOk);
            var replica = (await f.WaitReadyAsync("classic", 1))[0];

            // Requests exec python3 until the fork server has imported the handler.
            await Poll.UntilAsync(async () => (await ProviderFixture.CallAsync(replica, body: "probe")).Body.Split(' ')[1] == "1",
                ProviderFixture.Deadline, "a request served by the fork server");
            var first = (await ProviderFixture.CallAsync(replica, body: "one")).Body.Split(' ');
            var second = (await ProviderFixture.CallAsync(replica, body: "two", method: HttpMethod.Put)).Body.Split(' ');

            Assert.Equal(["1", "1", "POST"], first[..3]);
            Assert.Equal(["1", "1", "PUT"], second[..3]);
            Assert.InRange(int.Parse(first[3], System.Globalization.CultureInfo.InvariantCulture), 12000, 21999);
            Assert.Contains("fork server: ready", await f.LogsAsync("classic"), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
