using Harness.Compliance;
using Harness.Platform.Watchdog;
using Harness.Targets;
using Xunit.Abstractions;
using static Harness.Core.Tests.Compliance.ComplianceFixtures;

namespace Harness.Core.Tests.Compliance;

/// <summary>The compliance check of <c>harness run --policy</c> against the embedded platform, with a real gateway and watchdog.</summary>
public sealed class EmbeddedComplianceTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-embedded-policy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_check_reads_the_embedded_gateway_with_its_credentials_and_its_artifacts_are_not_registry_pulls()
    {
        if (!WatchdogLocator.TryFind(out _))
        {
            output.WriteLine("skipped: no watchdog binary (run ./build.sh or build src/Platform.Watchdog)");
            return;
        }

        File.Copy(RepoFile("scenarios/policies/eea.yml"), Path.Combine(_dir, "eea.yml"));
        File.WriteAllText(Path.Combine(_dir, "stack.yml"), "version: 1.0\nprovider: {name: openfaas}\nfunctions:\n  echo-cat:\n    image: test/echo-cat:latest\n    fprocess: cat\n");
        var file = Path.Combine(_dir, "target.yml");
        File.WriteAllText(file, $"name: local\nkind: embedded\nstack: stack.yml\nstateDirectory: {Path.Combine(_dir, "state")}\nlocation: NO / this machine\npolicy: eea.yml\n");
        var parsed = TargetFileParser.ParseFile(file);
        Assert.Empty(parsed.Diagnostics);
        var check = ResidencyRunHook.For(parsed.Target!)!;

        await using var target = await EmbeddedTarget.StartAsync(parsed.Target!, null, CancellationToken.None);
        var result = await check(target, CancellationToken.None);

        // One finding from the stack file and one from the gateway's list, both judged as served on the node.
        var registry = result.Findings.Where(f => f.RuleId == "residency.image-registry").ToList();
        Assert.Equal(2, registry.Count);
        Assert.All(registry, f => Assert.True(f.Passed, f.Title));
        Assert.All(registry, f => Assert.Contains("harness-local artifact store", f.Title, StringComparison.Ordinal));
        // Authenticated reads: the gateway's auth rule sees /system/* guarded, and its function list was read.
        Assert.Contains(result.Findings, f => f.RuleId == "config.gateway-auth" && f.Passed);
    }

    [Fact]
    public async Task The_default_target_names_the_norwegian_policy_and_the_shipped_stack_on_the_embedded_platform_passes_it()
    {
        var shipped = TargetFileParser.ParseFile(RepoFile("scenarios/targets/local.yml"));
        Assert.Empty(shipped.Diagnostics);
        Assert.Equal(RepoFile("scenarios/policies/norway.yml"), shipped.Target!.Policy);
        if (!WatchdogLocator.TryFind(out _))
        {
            output.WriteLine("skipped: no watchdog binary (run ./build.sh or build src/Platform.Watchdog)");
            return;
        }

        // The shipped target as it is, except its state directory and its node (this machine's resolvers belong to whoever runs the tests).
        var definition = shipped.Target with { StateDirectory = Path.Combine(_dir, "state"), File = Path.Combine(_dir, "local.yml") };
        File.WriteAllLines(definition.File, File.ReadLines(RepoFile("scenarios/targets/local.yml"))
            .Where(l => !l.StartsWith("node:", StringComparison.Ordinal))
            .Select(l => l.Replace("../functions/stack.yml", definition.Stack, StringComparison.Ordinal).Replace("../policies/norway.yml", definition.Policy, StringComparison.Ordinal)));
        var check = ResidencyRunHook.For(definition)!;

        await using var target = await EmbeddedTarget.StartAsync(definition, null, CancellationToken.None);
        var result = await check(target, CancellationToken.None);

        var failed = result.Findings.Where(f => !f.Passed && f.Severity != "info").Select(f => $"{f.RuleId} {f.Severity}: {f.Title}").ToList();
        Assert.False(ResidencyRunHook.ReachesThreshold(result), string.Join("\n", failed));
        foreach (var rule in new[] { "config.memory-limit", "config.readonly-rootfs", "config.exec-timeout", "config.timeouts-aligned", "config.gateway-auth", "residency.image-registry" })
        {
            Assert.Contains(result.Findings, f => f.RuleId == rule && f.Passed);
        }

        Assert.All(result.Findings.Where(f => f.RuleId == "config.exec-timeout"), f => Assert.Contains("(Harness watchdog)", f.Title, StringComparison.Ordinal));
    }
}
