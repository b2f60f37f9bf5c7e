using Spectre.Console.Cli;

namespace Harness.Cli.App;

/// <summary>
/// Refuses arguments after <c>--</c>: no harness command passes arguments through, so <c>harness run -- a.yml</c> would
/// otherwise run the whole default suite and drop a.yml without a word.
/// </summary>
internal sealed class NoPassthroughArguments : ICommandInterceptor
{
    public void Intercept(CommandContext context, CommandSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Remaining.Raw.Count > 0)
        {
            throw new CliUsageException(
                $"unexpected argument(s) after '--': {string.Join(' ', context.Remaining.Raw)} (harness {context.Name} takes no pass-through arguments)");
        }
    }
}
