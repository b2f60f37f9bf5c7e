using Harness.Platform.Watchdog;

namespace Harness.Platform.Tests.Watchdog;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WatchdogLocatorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "harness-loc-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public void Finds_the_published_build_by_walking_up_before_a_sibling()
    {
        var published = Executable("artifacts/watchdog/watchdog");
        var bin = Path.Combine(_root, "tests", "X", "bin", "Release");
        Executable("tests/X/bin/Release/watchdog");

        Assert.Equal(published, WatchdogLocator.Find(bin, null));
    }

    [Fact]
    public void Falls_back_to_a_sibling_then_to_the_jit_build()
    {
        var bin = Path.Combine(_root, "tests", "X", "bin");
        Directory.CreateDirectory(bin);
        var jit = Executable("src/Platform.Watchdog/bin/Debug/net10.0/linux-x64/watchdog");
        Assert.Equal(jit, WatchdogLocator.Find(bin, null));

        var sibling = Executable("tests/X/bin/watchdog");
        Assert.Equal(sibling, WatchdogLocator.Find(bin, null));
    }

    [Fact]
    public void An_explicit_path_wins_and_a_wrong_one_is_an_error()
    {
        var explicitPath = Executable("elsewhere/wd");
        Executable("artifacts/watchdog/watchdog");

        Assert.Equal(explicitPath, WatchdogLocator.Find(_root, explicitPath));
        Assert.Throws<FileNotFoundException>(() => WatchdogLocator.Find(_root, Path.Combine(_root, "nope")));
    }

    [Fact]
    public void Reports_where_it_looked_when_nothing_is_found()
    {
        Directory.CreateDirectory(_root);

        var ex = Assert.Throws<FileNotFoundException>(() => WatchdogLocator.Find(_root, null));

        Assert.Contains(Path.Combine(_root, "artifacts", "watchdog", "watchdog"), ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string Executable(string relative)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
