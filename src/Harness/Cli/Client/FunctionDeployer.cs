using Harness.Platform.Client;
using Harness.Platform.Contracts;
using Harness.Platform.Stack;
using Spectre.Console;

namespace Harness.Cli.Client;

/// <summary>Deploys functions one by one, like faas-cli: a failure is reported and the rest still go.</summary>
internal static class FunctionDeployer
{
    /// <summary>The stack's selected functions, with the command's deploy flags laid over each.</summary>
    public static Task<int> DeployAsync(IAnsiConsole console, OpenFaasClient client, string url, StackFile stack, DeploySettings settings, CancellationToken cancellationToken) =>
        DeployAsync(console, client, url, StackLoader.Selected(stack, settings).Select(f => DeployOverrides.Apply(f.Deployment, settings)), settings.Mode, cancellationToken);

    public static async Task<int> DeployAsync(IAnsiConsole console, OpenFaasClient client, string url, IEnumerable<FunctionDeployment> deployments, DeployMode mode, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var deployment in deployments)
        {
            console.MarkupLineVerbatim($"Deploying: {deployment.Service}.");
            var code = await GatewayErrors.RunAsync(console, url, cancellationToken, async () =>
            {
                var result = await client.DeployAsync(deployment, mode, cancellationToken).ConfigureAwait(false);
                console.MarkupLineVerbatim($"Deployed. {(int)result.StatusCode} {result.StatusCode}.");
                foreach (var warning in result.Warnings ?? [])
                {
                    ConsoleText.Warning(console, $"{deployment.Service}: {warning}");
                }

                console.MarkupLineVerbatim($"URL: {client.FunctionUrl(deployment.Service, deployment.Namespace)}");
                return 0;
            }).ConfigureAwait(false);
            failed += code == 0 ? 0 : 1;
            console.WriteLine();
        }

        return failed == 0 ? 0 : GatewayErrors.Failed;
    }
}
