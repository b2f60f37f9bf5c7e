using System.Diagnostics;

namespace Harness.Platform.Tests.Stack;

/// <summary>An environment_file that is not a regular file of sane size is refused up front, naming the file (never read forever, never hung).</summary>
public sealed class EnvironmentFileKindTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-envfile-").FullName;

    [Fact]
    public void Devices_fifos_directories_and_huge_files_are_refused_with_a_clear_message()
    {
        var fifo = Path.Combine(_dir, "pipe");
        using (var mk = Process.Start("mkfifo", fifo))
        {
            mk.WaitForExit();
        }

        var huge = Path.Combine(_dir, "huge.yml");
        File.WriteAllText(huge, "environment:\n  A: " + new string('x', 2 * 1024 * 1024) + "\n");
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "folder")).FullName;

        var result = StackFixture.Parse($"provider: {{name: openfaas}}\nfunctions:\n  pay:\n    image: pay\n    skip_build: true\n    environment_file:\n      - /dev/zero\n      - {fifo}\n      - {folder}\n      - {huge}\n");

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.False(result.Succeeded);
        Assert.Contains(errors, e => e.Contains("functions.pay.environment_file[0]", StringComparison.Ordinal) && e.Contains("'/dev/zero' is not a regular file", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("functions.pay.environment_file[1]", StringComparison.Ordinal) && e.Contains("is not a regular file", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("functions.pay.environment_file[2]", StringComparison.Ordinal) && e.Contains("is a folder", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("functions.pay.environment_file[3]", StringComparison.Ordinal) && e.Contains("over the limit of 1048576 bytes", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
