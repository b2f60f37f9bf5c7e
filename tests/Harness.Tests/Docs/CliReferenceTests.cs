using System.Reflection;
using System.Text.RegularExpressions;
using Harness.Cli.App;
using Spectre.Console.Cli;

namespace Harness.Tests.Docs;

/// <summary>
/// docs/reference/cli.md against the CLI itself: every option a command's settings declare is documented, and every
/// option the page documents exists, so a new flag cannot ship undocumented and a removed one cannot linger.
/// </summary>
public sealed partial class CliReferenceTests
{
    [Fact]
    public void Every_option_of_every_command_is_in_the_cli_reference_and_the_reference_names_no_other()
    {
        var page = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "reference", "cli.md"));
        var declared = typeof(HarnessApp).Assembly.GetTypes()
            .Where(t => typeof(CommandSettings).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>()
            .SelectMany(o => o.LongNames)
            .Select(n => "--" + n)
            .ToHashSet(StringComparer.Ordinal);
        // Options are documented as the first cell of a table row: | `-o, --out <DIR>` | ... |
        var documented = TableOption().Matches(page).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        documented.Remove("--help");

        Assert.NotEmpty(declared);
        Assert.Empty(declared.Except(documented).Order(StringComparer.Ordinal));
        Assert.Empty(documented.Except(declared).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^\| `(?:-[A-Za-z0-9?], )?(?<name>--[a-z0-9-]+)", RegexOptions.Multiline)]
    private static partial Regex TableOption();

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
