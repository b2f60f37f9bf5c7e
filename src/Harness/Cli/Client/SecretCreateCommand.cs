using System.Text;
using Harness.Platform.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary><c>harness secret create NAME</c> (POST) and <c>secret update NAME</c> (PUT).</summary>
internal sealed class SecretCreateCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<SecretCreateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SecretCreateSettings settings, CancellationToken cancellationToken)
    {
        var update = context.Name == "update";
        // The gateway would refuse it too; said here, it is a usage error (exit 2) and nothing is sent.
        if (SecretName.Problem(settings.Name) is { } nameProblem)
        {
            ConsoleText.Error(console, nameProblem);
            return ExitCodes.UsageError;
        }

        byte[] value;
        try
        {
            value = await ReadValueAsync(settings, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.MarkupLineVerbatim($"[red]error[/] cannot read {settings.FromFile}: {ex.Message}");
            return ExitCodes.UsageError;
        }

        if (settings.Trim)
        {
            value = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(value).Trim());
        }

        if (value.Length == 0)
        {
            console.MarkupLine("[red]error[/] the secret's value is empty");
            return ExitCodes.UsageError;
        }

        var secret = new SecretSpec { Name = settings.Name, Namespace = settings.Namespace, RawValue = value };
        var url = GatewayConnection.ResolveUrl(settings, environment);
        using var client = GatewayConnection.Open(settings, environment);
        return await GatewayErrors.RunAsync(console, url, cancellationToken, async () =>
        {
            if (update)
            {
                await client.UpdateSecretAsync(secret, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await client.CreateSecretAsync(secret, cancellationToken).ConfigureAwait(false);
            }

            console.MarkupLineVerbatim($"{(update ? "Updated" : "Created")}: {settings.Name}");
            return 0;
        }).ConfigureAwait(false);
    }

    private async Task<byte[]> ReadValueAsync(SecretCreateSettings settings, CancellationToken cancellationToken)
    {
        if (settings.FromLiteral is { } literal)
        {
            return Encoding.UTF8.GetBytes(literal);
        }

        if (settings.FromFile is { } file)
        {
            return await Harness.Platform.Files.UserFile.ReadAllBytesAsync(environment.ResolvePath(file), cancellationToken).ConfigureAwait(false);
        }

        var stream = environment.OpenStandardInput();
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }
}
