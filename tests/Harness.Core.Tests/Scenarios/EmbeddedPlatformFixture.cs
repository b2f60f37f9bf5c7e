using Harness.Platform.Watchdog;
using Harness.Targets;

namespace Harness.Core.Tests.Scenarios;

/// <summary>One embedded platform (real gateway, real watchdog replicas on loopback) with a <c>cat</c> function, shared by the scenario tests.</summary>
public sealed class EmbeddedPlatformFixture : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("harness-scenarios-").FullName;

    internal EmbeddedTarget? Target { get; private set; }

    /// <summary>Why the tests cannot run here (no watchdog binary), or null.</summary>
    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        if (!WatchdogLocator.TryFind(out _))
        {
            SkipReason = "no watchdog binary (run ./build.sh or build src/Platform.Watchdog)";
            return;
        }

        var stack = Path.Combine(dir, "stack.yml");
        await File.WriteAllTextAsync(stack, """
            version: 1.0
            provider: {name: openfaas}
            functions:
              echo-cat:
                image: test/echo-cat:latest
                fprocess: cat
            """);
        Target = await EmbeddedTarget.StartAsync(
            new TargetDefinition { File = "test", Name = "test", Kind = "embedded", Stack = stack, StateDirectory = Path.Combine(dir, "state") },
            null,
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (Target is not null)
        {
            await Target.DisposeAsync();
        }

        Directory.Delete(dir, recursive: true);
    }
}
