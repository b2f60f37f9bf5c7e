using Harness.Platform.Watchdog;
using Xunit.Abstractions;

namespace Harness.Platform.Kubernetes.Tests;

public sealed class BuildDockerfileTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-dockerfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Build_with_dockerfile_writes_a_context_with_the_watchdog_and_a_non_root_dockerfile()
    {
        if (!WatchdogLocator.TryFind(out _))
        {
            output.WriteLine("SKIPPED: no watchdog binary (run ./build.sh or set HARNESS_WATCHDOG)");
            return;
        }

        Directory.CreateDirectory(Path.Combine(_dir, "article"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "article", "handler.py"), "def handle(req):\n    return req\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "stack.yml"), """
            version: 1.0
            provider:
              name: openfaas
              gateway: http://127.0.0.1:8080
            functions:
              article:
                lang: python3
                handler: ./article
                image: registry.example/article:1.0
                environment:
                  write_debug: true
            """);

        var result = await HarnessProcess.RunAsync(_dir, "build", "-f", "stack.yml", "--local-only", "--dockerfile");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var context = Path.Combine(_dir, "build", "article");
        Assert.True(File.Exists(Path.Combine(context, "watchdog")));
        Assert.True(File.Exists(Path.Combine(context, "function", "handler.py")));
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(context, "Dockerfile"));
        Assert.Contains("FROM python:3.12-slim", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENV write_debug=\"true\"", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENV port=\"8080\"", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENV fprocess=\"python3 index.py\"", dockerfile, StringComparison.Ordinal);
        Assert.Contains("USER 12000:12000", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"/home/app/watchdog\"]", dockerfile, StringComparison.Ordinal);
        Assert.Contains("docker build -t registry.example/article:1.0", result.Stdout, StringComparison.Ordinal);
        output.WriteLine(dockerfile);
    }
}
