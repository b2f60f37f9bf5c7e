using Spectre.Console.Cli;

namespace Harness.Cli;

/// <summary>The <c>harness</c> command tree; each command is a thin binding over a library service.</summary>
public static class HarnessApp
{
    /// <summary>Exit code for usage and input errors (bad flags, bad stack, scenario or policy files).</summary>
    public const int UsageError = 2;

    public static Task<int> RunAsync(string[] args)
    {
        var app = new CommandApp();
        app.Configure(Configure);
        return app.RunAsync(args);
    }

    /// <summary>Registers every command; tests call this to run the CLI in-process.</summary>
    public static void Configure(IConfigurator config)
    {
        config.SetApplicationName("harness");
        config.PropagateExceptions();
        config.ValidateExamples();
        // Commands are registered below, one line each, grouped by area.
        config.AddCommand<Run.RunCommand>("run").WithDescription("Run scenarios (default: the suite in scenarios/) and write results.json, junit.xml and the report")
            .WithExample("run").WithExample("run", "scenarios/examples/stall.yml", "--out", "out/stall");
        config.AddCommand<Stack.ValidateCommand>("validate").WithDescription("Check a stack file (stack.yml) and list its functions");
        config.AddBranch("node", Node.NodeCommands.Register);
    }
}
