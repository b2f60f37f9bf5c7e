using System.Text;
using Harness.Cli;
using Harness.Cli.App;
using Spectre.Console.Cli.Testing;

namespace Harness.Tests.Cli;

/// <summary>Runs the real command tree in-process with its own environment, home folder and standard streams.</summary>
internal sealed class CliHarness : IDisposable
{
    public string Home { get; } = Directory.CreateTempSubdirectory("harness-cli-home-").FullName;

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public byte[] Stdin { get; set; } = [];

    public MemoryStream Stdout { get; private set; } = new();

    public StringWriter Stderr { get; private set; } = new();

    public string StdoutText => Encoding.UTF8.GetString(Stdout.ToArray());

    public string ConfigFile => Path.Combine(Home, ".openfaas", "config.yml");

    public async Task<CommandAppResult> RunAsync(params string[] args)
    {
        Stdout = new MemoryStream();
        Stderr = new StringWriter();
        var environment = new CliEnvironment
        {
            Variables = Variables,
            HomeDirectory = Home,
            CurrentDirectory = Home,
            OpenStandardInput = () => new MemoryStream(Stdin),
            StandardOutput = Stdout,
            StandardError = Stderr,
        };
        var app = new CommandAppTester();
        app.Configure(config =>
        {
            HarnessApp.Configure(config);
            config.Settings.Registrar.RegisterInstance(environment);
        });
        return await app.RunAsync(args);
    }

    public void Dispose() => Directory.Delete(Home, recursive: true);
}
