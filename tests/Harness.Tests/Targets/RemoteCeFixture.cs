using Harness.Platform.Watchdog;
using Harness.Targets;

namespace Harness.Tests.Targets;

/// <summary>
/// An "OpenFaaS CE on k3s" to run against: the repository's sample functions deployed on a Harness platform (real watchdog
/// replicas, as faas-cli up would have left them), behind <see cref="FakeOpenFaasCe"/>, which answers as the CE gateway does.
/// </summary>
public sealed class RemoteCeFixture : IAsyncLifetime
{
    public const string UserVariable = "HARNESS_CE_TEST_USER";
    public const string PasswordVariable = "HARNESS_CE_TEST_PASSWORD";

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("harness-remote-ce-").FullName;

    public string Repository { get; } = FindRepository();

    internal EmbeddedTarget? Behind { get; private set; }

    internal FakeOpenFaasCe? Gateway { get; private set; }

    /// <summary>Why the tests cannot run here (no watchdog binary), or null.</summary>
    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        if (!WatchdogLocator.TryFind(out _))
        {
            SkipReason = "no watchdog binary (run ./build.sh or build src/Platform.Watchdog)";
            return;
        }

        Behind = await EmbeddedTarget.StartAsync(
            new TargetDefinition { File = "behind", Name = "behind", Kind = "embedded", Stack = Path.Combine(Repository, "scenarios", "functions", "stack.yml"), StateDirectory = Path.Combine(Directory, "state") },
            null,
            CancellationToken.None);
        Behind.Client.Credentials!.TryGetBasic(out var user, out var password);
        Environment.SetEnvironmentVariable(UserVariable, user);
        Environment.SetEnvironmentVariable(PasswordVariable, password);
        Gateway = await FakeOpenFaasCe.StartAsync(Behind.Gateway!);
    }

    /// <summary>A remote target file for the fake gateway; <paramref name="extra"/> is appended (node:, kubeconfig:…).</summary>
    public string WriteTarget(string name, string extra = "")
    {
        var path = Path.Combine(Directory, name + ".yml");
        File.WriteAllText(path, $"""
            name: {name}
            kind: remote
            gateway: {Gateway!.Url}
            credentials: {"{"}userEnv: {UserVariable}, passwordEnv: {PasswordVariable}{"}"}
            stack: {Path.Combine(Repository, "scenarios", "functions", "stack.yml")}
            provider: k3s / faas-netes
            {extra}
            """);
        return path;
    }

    public async Task DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        if (Behind is not null)
        {
            await Behind.DisposeAsync();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Harness.sln not found above " + AppContext.BaseDirectory);
    }
}
