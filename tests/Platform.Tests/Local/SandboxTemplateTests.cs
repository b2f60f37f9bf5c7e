using System.Formats.Tar;
using System.IO.Compression;
using Harness.Platform.Contracts;
using Harness.Platform.Templates;

namespace Harness.Platform.Tests.Local;

/// <summary>The templates' runtimes work inside the sandbox, as their own uid, and what a caller or the logs see names the function's own paths.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SandboxTemplateTests
{
    private const string Ns = PlatformDefaults.FunctionNamespace;
    private static readonly CancellationToken None = CancellationToken.None;

    [RootFact]
    public async Task Python3_http_and_dockerfile_functions_run_sandboxed_and_show_no_host_path()
    {
        var work = Directory.CreateTempSubdirectory("harness-sbx-tpl-").FullName;
        try
        {
            await using var f = new ProviderFixture();
            var http = Path.Combine(work, "http");
            Directory.CreateDirectory(http);
            await File.WriteAllTextAsync(Path.Combine(http, "handler.py"), """
                import os
                def handle(event, context):
                    if event.path == "/boom":
                        raise RuntimeError("boom")
                    return {"statusCode": 200, "body": "%d %s" % (os.getuid(), os.getcwd())}
                """);
            await PushAsync(f, "python3-http", http, Path.Combine(work, "out-http"), "me/http:1", null);
            var cat = Path.Combine(work, "cat");
            Directory.CreateDirectory(cat);
            await PushAsync(f, "dockerfile", cat, Path.Combine(work, "out-cat"), "me/cat:1", "cat");

            Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "http", Image = "me/http:1" }, None)).IsOk);
            Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "cat", Image = "me/cat:1", ReadOnlyRootFilesystem = true }, None)).IsOk);
            var h = (await f.WaitReadyAsync("http", 1))[0];
            var c = (await f.WaitReadyAsync("cat", 1))[0];

            var (status, body) = await ProviderFixture.CallAsync(h, "hello", method: HttpMethod.Get);
            Assert.Equal(200, status);
            var parts = body.Split(' ');
            Assert.InRange(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), 12000, 21999);
            Assert.Equal("/home/app/function", parts[1]);
            Assert.Equal((200, "echo me"), await ProviderFixture.CallAsync(c, body: "echo me"));

            var boom = await ProviderFixture.CallAsync(h, "boom", method: HttpMethod.Get);
            Assert.Equal(500, boom.Status);
            await Poll.UntilAsync(async () => (await f.LogsAsync("http")).Contains("RuntimeError", StringComparison.Ordinal), ProviderFixture.Deadline, "the traceback in the logs");
            var logs = await f.LogsAsync("http");
            Assert.Contains("/home/app/function/", logs, StringComparison.Ordinal);
            Assert.DoesNotContain(f.StateDirectory, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(f.StateDirectory, boom.Body, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    internal static Task PushAsync(ProviderFixture f, string lang, string handler, string output, string image, string? fprocess) =>
        PushWithAsync(f, lang, handler, output, image, _ => { }, fprocess);

    /// <summary>Builds, lets <paramref name="change"/> edit the built folder, and uploads.</summary>
    internal static async Task PushWithAsync(ProviderFixture f, string lang, string handler, string output, string image, Action<string> change, string? fprocess = null, string? mode = null)
    {
        var artifact = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = Path.GetFileName(handler),
            Lang = lang,
            HandlerDirectory = handler,
            OutputDirectory = output,
            Image = image,
            Fprocess = fprocess,
            Mode = mode,
        });
        change(artifact.Directory);
        using var tgz = new MemoryStream();
        await using (var gz = new GZipStream(tgz, CompressionLevel.Fastest, leaveOpen: true))
        {
            await TarFile.CreateFromDirectoryAsync(artifact.Directory, gz, includeBaseDirectory: false);
        }

        tgz.Position = 0;
        var result = await f.Provider.PutAsync(image, tgz, None);
        Assert.True(result.IsOk, result.Message);
    }
}
