using Harness.Platform.Stack;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Stack;

/// <summary><c>harness validate -f stack.yml</c>: lists the functions and warnings (exit 0) or every error (exit 2).</summary>
internal sealed class ValidateCommand(IAnsiConsole console, CliEnvironment environment) : Command<ValidateSettings>
{
    public override int Execute(CommandContext context, ValidateSettings settings, CancellationToken cancellationToken)
    {
        var path = settings.File ?? StackFileParser.ResolveDefaultPath(environment.CurrentDirectory);
        var result = new StackFileParser(environment.Variables).ParseFile(path);
        StackConsole.WriteDiagnostics(console, result);
        if (result.Stack is not { } stack)
        {
            console.Write(new Text($"{path}: {result.Errors.Count()} error(s)", new Style(Color.Red)));
            console.WriteLine();
            return ExitCodes.UsageError;
        }

        StackConsole.WriteFunctions(console, stack);
        return 0;
    }
}
