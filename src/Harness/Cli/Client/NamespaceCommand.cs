using Harness.Platform.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>
/// <c>harness namespace get|create|update|remove NAME</c>: faas-provider's <c>/system/namespace/{name}</c>, sent as
/// faas-cli (go-sdk) sends it. A function can only be deployed into a namespace that exists.
/// </summary>
internal sealed class NamespaceCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<NamespaceNameSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, NamespaceNameSettings settings, CancellationToken cancellationToken)
    {
        var action = context.Name;
        if (!global::Harness.Platform.Stack.DnsName.IsLabel(settings.Name))
        {
            console.MarkupLineVerbatim($"[red]error[/] '{settings.Name}' is not a valid namespace name: lower-case letters, digits and '-', at most 63 characters");
            return ExitCodes.UsageError;
        }

        var labels = KeyValue.ParseAll(settings.Labels);
        var annotations = KeyValue.ParseAll(settings.Annotations);
        if (labels.Count != settings.Labels.Length || annotations.Count != settings.Annotations.Length)
        {
            console.MarkupLine("[red]error[/] --label and --annotation take K=V with a key and a value");
            return ExitCodes.UsageError;
        }

        var spec = new FunctionNamespace
        {
            Name = settings.Name,
            Labels = labels.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            Annotations = annotations.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };
        var url = GatewayConnection.ResolveUrl(settings, environment);
        using var client = GatewayConnection.Open(settings, environment);
        return await GatewayErrors.RunAsync(console, url, cancellationToken, async () =>
        {
            switch (action)
            {
                case "create":
                    await client.CreateNamespaceAsync(spec, cancellationToken).ConfigureAwait(false);
                    console.MarkupLineVerbatim($"Created namespace {settings.Name}");
                    return 0;
                case "update":
                    await client.UpdateNamespaceAsync(spec, cancellationToken).ConfigureAwait(false);
                    console.MarkupLineVerbatim($"Updated namespace {settings.Name}");
                    return 0;
                case "remove" or "rm":
                    await client.RemoveNamespaceAsync(settings.Name, cancellationToken).ConfigureAwait(false);
                    console.MarkupLineVerbatim($"Removed namespace {settings.Name}");
                    return 0;
                default:
                    if (await client.GetNamespaceAsync(settings.Name, cancellationToken).ConfigureAwait(false) is not { } found)
                    {
                        console.MarkupLineVerbatim($"[red]error[/] namespace {settings.Name} not found");
                        return GatewayErrors.Failed;
                    }

                    console.WriteLine("Namespace: " + found.Name);
                    WriteMap("Labels", found.Labels);
                    WriteMap("Annotations", found.Annotations);
                    return 0;
            }
        }).ConfigureAwait(false);
    }

    private void WriteMap(string title, IReadOnlyDictionary<string, string>? values)
    {
        console.WriteLine(title + ":");
        foreach (var (key, value) in (values ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            console.WriteLine($"  {key}: {value}");
        }
    }
}
