using Harness.Cli.Platform;
using Harness.Platform.Local;

namespace Harness.Tests.Cli;

/// <summary>What <c>platform up</c>'s pre-fork flags change in the local provider, and where they are refused.</summary>
public sealed class PlatformUpSettingsTests
{
    private static readonly LocalProviderOptions Defaults = new() { StateDirectory = "/tmp/x", WatchdogPath = "/tmp/x/watchdog" };

    [Fact]
    public void Without_the_flags_the_provider_keeps_its_defaults()
    {
        Assert.Null(new PlatformUpSettings().LocalProviderChanges());
        Assert.True(Defaults.PreforkStandby);
        Assert.True(Defaults.PreforkZygotes > 0);
    }

    [Fact]
    public void No_standby_keeps_the_zygotes_and_no_prefork_turns_both_off()
    {
        var noStandby = new PlatformUpSettings { NoStandby = true }.LocalProviderChanges()!(Defaults);
        Assert.False(noStandby.PreforkStandby);
        Assert.Equal(Defaults.PreforkZygotes, noStandby.PreforkZygotes);

        var noPrefork = new PlatformUpSettings { NoPrefork = true }.LocalProviderChanges()!(Defaults);
        Assert.Equal(0, noPrefork.PreforkZygotes);
    }

    [Fact]
    public void The_flags_are_refused_with_the_kubernetes_provider()
    {
        var problems = new PlatformUpSettings { Provider = "kubernetes", InCluster = true, NoStandby = true }.Problems();
        Assert.Contains(problems, p => p.Contains("--no-standby", StringComparison.Ordinal));
        Assert.Empty(new PlatformUpSettings { NoStandby = true, NoPrefork = true }.Problems());
    }
}
