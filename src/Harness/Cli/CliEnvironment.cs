using System.Collections;

namespace Harness.Cli;

/// <summary>
/// What a command reads from outside besides its flags: environment variables, home and working folders, and the
/// standard streams, the clock. Registered once, so tests run commands in-process with their own values; with
/// <c>Program</c> the only code of the CLI that touches the process environment.
/// </summary>
internal sealed class CliEnvironment
{
    public required IReadOnlyDictionary<string, string> Variables { get; init; }

    public required string HomeDirectory { get; init; }

    public required string CurrentDirectory { get; init; }

    public required Func<Stream> OpenStandardInput { get; init; }

    /// <summary>Raw output (function responses), kept apart from the console so binary bodies pass through intact.</summary>
    public required Stream StandardOutput { get; init; }

    public required TextWriter StandardError { get; init; }

    /// <summary>Whether standard output goes to a file or pipe rather than a terminal (then <see cref="ConsoleWidth"/> applies).</summary>
    public bool OutputRedirected { get; init; }

    /// <summary>The clock of every command: the wall clock in the process, a fake one in tests.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static CliEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string ?? "";
        }

        return new CliEnvironment
        {
            Variables = variables,
            HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            CurrentDirectory = Directory.GetCurrentDirectory(),
            OpenStandardInput = Console.OpenStandardInput,
            StandardOutput = Console.OpenStandardOutput(),
            StandardError = Console.Error,
            OutputRedirected = Console.IsOutputRedirected,
        };
    }

    /// <summary>A path as the user wrote it, resolved against <see cref="CurrentDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, CurrentDirectory);
}
