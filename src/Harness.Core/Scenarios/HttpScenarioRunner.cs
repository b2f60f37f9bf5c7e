using Harness.Distributed;
using Harness.Load;
using Harness.Results;

namespace Harness.Scenarios;

/// <summary>Plain load: one request shape (a URL, or a function through the gateway) under the scenario's load model.</summary>
internal sealed class HttpScenarioRunner : IScenarioRunner
{
    public string Kind => ScenarioKinds.Http;

    public async Task<ScenarioResult> RunAsync(ScenarioDefinition scenario, ScenarioRunContext context, CancellationToken cancellationToken)
    {
        var url = ScenarioUrls.Resolve(scenario, context.Target);
        return await RunLoadAsync(scenario, url, scenario.Connections, context, scenario.Name, Kind, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the scenario's load against <paramref name="url"/>, in this process or, when the run spreads this scenario,
    /// over its agents (every kind whose work is one load plan comes through here: http, throughput, connection churn);
    /// the run service judges the scenario's thresholds.
    /// </summary>
    public static async Task<ScenarioResult> RunLoadAsync(
        ScenarioDefinition scenario, Uri url, ConnectionPolicy policy, ScenarioRunContext context, string name, string kind, CancellationToken cancellationToken)
    {
        if (context.Distributed is { Options.IsDistributed: true } d)
        {
            var shaped = scenario with { Name = name, Kind = kind, Connections = policy };
            return await new AgentCoordinator(d.Runtime, context.Time)
                .RunAsync(shaped, url, context.Target.VerifyTls, d.Options.Agents, context.Progress, cancellationToken).ConfigureAwait(false);
        }

        var load = scenario.Load ?? throw new InvalidOperationException($"{scenario.File}: no load section");
        // Plain http:// requests go over the raw-socket fast path, anything else through HttpClient: same results either way.
        using var step = FixedRequestStep.Create(Request(scenario, url), policy, context.Target.VerifyTls);
        var props = LoadScenarioProps.Create(name, load, policy, step.InvokeAsync) with { LoadDescription = $"{load.Describe()}, {policy.Describe()}, {step.Describe()}" };
        var result = await LoadRunner.RunScenarioAsync(
            props,
            new LoadRunOptions { Time = context.Time, Progress = context.Progress, Kind = kind },
            cancellationToken).ConfigureAwait(false);
        return result with { Description = scenario.Description, ScenarioHash = scenario.Hash };
    }

    /// <summary>The request every iteration of a plain-load scenario sends to <paramref name="url"/>.</summary>
    public static HttpRequestSpec Request(ScenarioDefinition scenario, Uri url) => new()
    {
        Url = url,
        Method = scenario.Method,
        Headers = scenario.Headers,
        Body = scenario.Body,
        ContentType = scenario.ContentType,
    };

    /// <summary>The engine's scenario for a YAML load section (one definition for this process, the agents and the coordinator's merge).</summary>
}
