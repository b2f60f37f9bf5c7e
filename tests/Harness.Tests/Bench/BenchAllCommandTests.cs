namespace Harness.Tests.Bench;

public sealed class BenchAllCommandTests
{
    [Fact]
    public async Task Update_readme_with_a_file_without_markers_is_a_usage_error_before_anything_runs()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "# no markers\n");
            Assert.Equal(Harness.Cli.ExitCodes.UsageError, await Harness.Cli.App.HarnessApp.RunAsync(["bench", "all", "--update-readme", file]));
            Assert.Equal("# no markers\n", await File.ReadAllTextAsync(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
