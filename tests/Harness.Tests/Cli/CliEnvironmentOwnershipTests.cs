using System.Text.RegularExpressions;

namespace Harness.Tests.Cli;

/// <summary>
/// The CLI reads the process environment (variables, home and working folder, standard streams, the clock) only through
/// <c>CliEnvironment</c>, so every command runs in-process in tests with values the test chose.
/// </summary>
public sealed partial class CliEnvironmentOwnershipTests
{
    [Fact]
    public void Only_CliEnvironment_touches_the_process_environment()
    {
        var cli = Path.Combine(RepoRoot(), "src", "Harness", "Cli");
        var uses = Directory.EnumerateFiles(cli, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(f) != "CliEnvironment.cs")
            .SelectMany(f => Uses(File.ReadAllText(f)).Select(u => $"{Path.GetRelativePath(cli, f)}:{u}"))
            .ToList();
        Assert.True(uses.Count == 0, "read through CliEnvironment instead:\n" + string.Join('\n', uses));
    }

    [Fact]
    public void The_check_sees_each_kind_of_use()
    {
        var text = """
            var w = Environment.GetEnvironmentVariable("COLUMNS");
            var t = DateTimeOffset.UtcNow;
            var r = Console.IsOutputRedirected;
            var c = TimeProvider.System;
            var p = StackFileParser.FromProcessEnvironment();
            var ok = AnsiConsole.Console; // Spectre's console is not the process's
            """;
        Assert.Equal(["1: Environment.GetEnvironmentVariable", "2: DateTimeOffset.UtcNow", "3: Console.", "4: TimeProvider.System", "5: FromProcessEnvironment"], Uses(text));
    }

    private static List<string> Uses(string text) =>
        [.. text.Split('\n').SelectMany((line, i) => ProcessEnvironment().Matches(line).Select(m => $"{i + 1}: {m.Value}"))];

    [GeneratedRegex(@"Environment\.(GetEnvironmentVariables?|SetEnvironmentVariable|GetFolderPath|CurrentDirectory|GetCommandLineArgs|Exit)\b|DateTime(Offset)?\.(Now|UtcNow|Today)\b|TimeProvider\.System\b|Directory\.GetCurrentDirectory\b|FromProcessEnvironment\b|(?<![\w.])Console\.")]
    private static partial Regex ProcessEnvironment();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Harness.sln not found above " + AppContext.BaseDirectory);
    }
}
