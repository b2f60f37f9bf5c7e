using Harness.Platform.Client;
using Harness.Platform.Stack;
using Spectre.Console;

namespace Harness.Cli.Client;

/// <summary>Deploys a stack's functions one by one, like faas-cli: a failure is reported and the rest still go.</summary>
internal static class FunctionDeployer
{
    public static async Task<int> DeployAsync(IAnsiConsole console, OpenFaasClient client, string url, StackFile stack, StackSettings settings, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var function in StackLoader.Selected(stack, settings))
        {
            var deployment = string.IsNullOrEmpty(settings.Namespace)
                ? function.Deployment
                : function.Deployment with { Namespace = settings.Namespace };
            console.MarkupLineInterpolated($"Deploying: {function.Name}.");
            var code = await GatewayErrors.RunAsync(console, url, cancellationToken, async () =>
            {
                var result = await client.DeployAsync(deployment, cancellationToken).ConfigureAwait(false);
                console.MarkupLineInterpolated($"Deployed. {(int)result.StatusCode} {result.StatusCode}.");
                console.MarkupLineInterpolated($"URL: {client.FunctionUrl(function.Name, deployment.Namespace)}");
                return 0;
            }).ConfigureAwait(false);
            failed += code == 0 ? 0 : 1;
            console.WriteLine();
        }

        return failed == 0 ? 0 : GatewayErrors.Failed;
    }
}
