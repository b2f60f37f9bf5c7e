using System.Net;
using Harness.Load;
using Harness.Node.Access;
using Harness.Platform.Client;
using Harness.Targets;

namespace Harness.Scenarios;

/// <summary>
/// What a scenario needs from the target, checked before it sends any load: every function it names is deployed and
/// answers one call, the gateway API answers for deployment churn, and a node scenario on a remote target has a
/// <c>node:</c> to measure. A reason means "could not run"; null means go.
/// </summary>
internal static class ScenarioPreflight
{
    /// <summary>Where a node scenario runs when nothing declares a node: on a remote target that would be the client, not the target.</summary>
    public const string HarnessMachine = "the harness's own machine";

    public static async Task<string?> CheckAsync(ScenarioDefinition scenario, ScenarioRunContext context, CancellationToken cancellationToken)
    {
        if (ScenarioKinds.IsNode(scenario.Kind))
        {
            return NodeReason(scenario, context);
        }

        var functions = Functions(scenario);
        var needsGateway = functions.Count > 0 || scenario.Kind == ScenarioKinds.DeploymentChurn;
        if (!needsGateway)
        {
            return null;
        }

        if (context.Target.Client is not { } client || context.Target.Gateway is not { } gateway)
        {
            return $"{scenario.Kind} needs a gateway target (pass --target)";
        }

        try
        {
            if (scenario.Kind == ScenarioKinds.DeploymentChurn)
            {
                await client.ListFunctionsAsync(null, cancellationToken).ConfigureAwait(false);
                return null;
            }

            var problems = new List<string>();
            foreach (var function in functions)
            {
                if (await client.GetFunctionAsync(function, null, usage: false, cancellationToken).ConfigureAwait(false) is null)
                {
                    problems.Add($"function '{function}' is not deployed on {gateway}");
                    continue;
                }

                if (await AnswerAsync(scenario, context, ScenarioUrls.FunctionUrl(gateway, function, scenario.FunctionPath), cancellationToken).ConfigureAwait(false) is { } why)
                {
                    problems.Add($"function '{function}' does not answer: {why}");
                }
            }

            return problems.Count == 0 ? null : string.Join("; ", problems);
        }
        catch (Exception e) when (e is HttpRequestException or OpenFaasApiException)
        {
            return $"the gateway API at {gateway} did not answer: {e.Message}";
        }
    }

    /// <summary>The functions a scenario calls through the gateway.</summary>
    public static IReadOnlyList<string> Functions(ScenarioDefinition scenario)
    {
        var names = new List<string>();
        if (scenario.Url is null && scenario.Function is { } f && scenario.Kind is not ScenarioKinds.ColdStart and not ScenarioKinds.DeploymentChurn)
        {
            names.Add(f);
        }

        if (scenario.Kind == ScenarioKinds.ColdStart && scenario.ColdStart is { } c)
        {
            names.AddRange(c.Functions);
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The node a node scenario measures, and why it may not run: a remote target's node is not this machine.</summary>
    public static string? NodeReason(ScenarioDefinition scenario, ScenarioRunContext context)
    {
        if (context.Target.Info.Kind != "remote")
        {
            return null;
        }

        NodeTarget node;
        try
        {
            node = scenario.Node?.Target is { } file ? TargetFileParser.LoadNode(file) : context.TargetNode ?? NodeTarget.Local;
        }
        catch (TargetFileException)
        {
            return null; // the runner reports the file's errors as they are
        }

        return node.Declared
            ? null
            : $"{scenario.Kind} measures a node, and this remote target's file has no node: section; add node: {{ssh: {{host, user, key_file, known_hosts}}}} to measure the target's node, or node: local to measure {HarnessMachine} (labelled so, never as the target's node)";
    }

    private static async Task<string?> AnswerAsync(ScenarioDefinition scenario, ScenarioRunContext context, Uri url, CancellationToken cancellationToken)
    {
        using var http = LoadHttpClient.Create(ConnectionPolicy.NewConnectionPerRequest(), context.Target.VerifyTls);
        var method = scenario.Kind == ScenarioKinds.ColdStart && scenario.Method == "GET" && scenario.Body is null ? "POST" : scenario.Method;
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (scenario.Body is not null || method != "GET")
        {
            request.Content = new StringContent(scenario.Body ?? "preflight");
        }

        foreach (var (k, v) in scenario.Headers)
        {
            request.Headers.TryAddWithoutValidation(k, v);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(scenario.ColdStart?.InvokeTimeout ?? scenario.Load?.Timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            using var response = await http.SendAsync(request, cts.Token).ConfigureAwait(false);
            // 502/503/504: the gateway could not reach a replica; 404 from the proxy: no such function route. Anything else is the function's own answer.
            return response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.NotFound
                ? $"{url} returned {(int)response.StatusCode} {response.ReasonPhrase}"
                : null;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return $"{url}: {(e is OperationCanceledException ? "no answer in time" : e.Message)}";
        }
    }
}
