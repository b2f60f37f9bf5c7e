using Harness.Platform.Client;
using Harness.Platform.Contracts;
using Harness.Targets;

namespace Harness.Scenarios;

/// <summary>
/// Makes a function cold by the first way the target allows (or the one the scenario names): scale to zero through the
/// gateway; the Deployment to 0 through the Kubernetes API; or a fresh copy deployed, whose first call is then timed.
/// </summary>
internal sealed class ColdMaker(IRunTarget target, OpenFaasClient client, StatusPoller poller, ColdStartOptions options)
{
    /// <summary>The copies deployed for first-call-after-deploy, removed at the end.</summary>
    public HashSet<string> Copies { get; } = new(StringComparer.Ordinal);

    /// <summary>Why the gateway would not scale to zero (null when it did, or was not tried).</summary>
    public string? GatewayRefusal { get; private set; }

    /// <summary>Makes <paramref name="function"/> cold and returns the function name to call (a copy for first-call-after-deploy).</summary>
    /// <exception cref="ScenarioRunException">No way is possible; the message says why, naming the CE clamp when that is the reason.</exception>
    public async Task<string> MakeColdAsync(ColdStartFunction function, FunctionStatus status, int repetition, CancellationToken cancellationToken)
    {
        // Once a way worked for a function it is kept for its later repetitions, so its samples measure one thing.
        var method = function.Method ?? options.Method;
        if (method is ColdStartMethods.Auto or ColdStartMethods.Gateway)
        {
            if (GatewayRefusal is null && await TryGatewayAsync(function.Name, cancellationToken).ConfigureAwait(false))
            {
                function.Method = ColdStartMethods.Gateway;
                return function.Name;
            }

            if (method == ColdStartMethods.Gateway)
            {
                throw new ScenarioRunException($"{function.Name}: cannot scale to zero through the gateway: {GatewayRefusal}");
            }
        }

        if (method is ColdStartMethods.Auto or ColdStartMethods.Kubernetes)
        {
            if (target.ReplicaScaler is { } scaler)
            {
                function.Method = ColdStartMethods.Kubernetes;
                await scaler.ScaleToZeroAsync(function.Name, options.ScaleDownTimeout, cancellationToken).ConfigureAwait(false);
                // The gateway must see it cold too, or the call would go to a replica it still believes in.
                await poller.WaitAsync(function.Name, s => s is null or { AvailableReplicas: 0 }, options.ScaleDownTimeout,
                    $"the gateway still reported a ready replica of '{function.Name}' {options.ScaleDownTimeout.TotalSeconds:0} s after its Deployment was scaled to 0", cancellationToken).ConfigureAwait(false);
                return function.Name;
            }

            if (method == ColdStartMethods.Kubernetes)
            {
                throw new ScenarioRunException($"{function.Name}: coldStart.method {ColdStartMethods.Kubernetes} needs kubeconfig: in the target file");
            }
        }

        function.Method = ColdStartMethods.FirstCallAfterDeploy;
        return await DeployCopyAsync(function, status, repetition, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a scale to zero through the gateway: on a platform that keeps a standby replica for a function at zero,
    /// waits (at most 10 s) until it is prepared, as it is after the idle time before a real cold start. True when it
    /// was, false when not in time, null when the platform keeps none (every OpenFaaS edition).
    /// </summary>
    public Task<bool?> WaitStandbyAsync(string function, CancellationToken cancellationToken) =>
        poller.WaitStandbyAsync(function, TimeSpan.FromSeconds(Math.Min(10, options.ScaleDownTimeout.TotalSeconds)), cancellationToken);

    /// <summary>Scales back to one replica through the gateway (which every edition allows), best effort.</summary>
    public async Task RestoreAsync(string function)
    {
        try
        {
            await client.ScaleAsync(function, 1, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OpenFaasApiException or OperationCanceledException)
        {
            // Best effort on the way out.
        }
    }

    public async Task RemoveCopiesAsync()
    {
        foreach (var copy in Copies)
        {
            try
            {
                await client.RemoveFunctionAsync(copy, null, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or OpenFaasApiException)
            {
                // Already gone, or the gateway is going away with the run.
            }
        }
    }

    private async Task<bool> TryGatewayAsync(string function, CancellationToken cancellationToken)
    {
        try
        {
            await client.ScaleAsync(function, 0, null, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenFaasApiException e)
        {
            GatewayRefusal = $"the gateway refused replicas 0 ({e.Message})";
            return false;
        }

        // The desired count drops to 0 at once where scale to zero is allowed; the OpenFaaS CE gateway rewrites 0 to 1 before the provider sees it.
        try
        {
            await poller.WaitAsync(function, s => s is null or { Replicas: 0 }, TimeSpan.FromSeconds(Math.Min(3, options.ScaleDownTimeout.TotalSeconds)), "", cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            GatewayRefusal = target.Info.Flavour == GatewayFlavour.OpenFaasCe
                ? "the gateway kept 1 replica: OpenFaaS CE raises scale requests below 1 to 1 (gateway/scaling/ranges.go)"
                : "the gateway kept at least 1 replica after a scale to 0 (an OpenFaaS CE gateway raises requests below 1 to 1, gateway/scaling/ranges.go)";
            return false;
        }

        await poller.WaitAsync(function, s => s is null or { Replicas: 0, AvailableReplicas: 0 }, options.ScaleDownTimeout,
            $"function '{function}' still had replicas {options.ScaleDownTimeout.TotalSeconds:0} s after scaling to zero", cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<string> DeployCopyAsync(ColdStartFunction function, FunctionStatus status, int repetition, CancellationToken cancellationToken)
    {
        var copy = CopyName(function.Name);
        try
        {
            if (Copies.Contains(copy))
            {
                await client.RemoveFunctionAsync(copy, null, cancellationToken).ConfigureAwait(false);
                await poller.WaitGoneAsync(copy, options.ScaleDownTimeout, cancellationToken).ConfigureAwait(false);
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            Copies.Add(copy);
            await client.DeployAsync(new FunctionDeployment
            {
                Service = copy,
                Image = status.Image,
                Namespace = status.Namespace,
                EnvProcess = status.EnvProcess,
                EnvVars = status.EnvVars,
                Constraints = status.Constraints,
                Secrets = status.Secrets,
                Labels = new Dictionary<string, string>(status.Labels ?? new Dictionary<string, string>()) { ["harness.cold-start-copy-of"] = function.Name },
                Annotations = status.Annotations,
                Limits = status.Limits,
                Requests = status.Requests,
                ReadOnlyRootFilesystem = status.ReadOnlyRootFilesystem,
            }, cancellationToken).ConfigureAwait(false);
            await poller.WaitReadyAsync(copy, options.InvokeTimeout, cancellationToken).ConfigureAwait(false);
            function.DeployReadyMs.Add(clock.Elapsed.TotalMilliseconds);
            return copy;
        }
        catch (Exception e) when (e is HttpRequestException or OpenFaasApiException or TimeoutException)
        {
            var why = GatewayRefusal is null ? "" : $"{GatewayRefusal}; ";
            var kube = target.ReplicaScaler is null ? "no kubeconfig: in the target to scale its Deployment; " : "";
            throw new ScenarioRunException($"{function.Name}: no cold start possible: {why}{kube}deploying a fresh copy '{copy}' (repetition {repetition}) failed: {e.Message}", e);
        }
    }

    private static string CopyName(string function)
    {
        // A DNS-1123 label of at most 63 characters, as faas-netes requires.
        const string Suffix = "-cold";
        return (function.Length + Suffix.Length > 63 ? function[..(63 - Suffix.Length)] : function) + Suffix;
    }
}
