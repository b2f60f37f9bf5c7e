namespace Harness.Scenarios;

/// <summary>The runners a scenario file can name in <c>kind:</c>.</summary>
public static class ScenarioKinds
{
    public const string Http = "http";
    public const string Throughput = "throughput";
    public const string ColdStart = "cold-start";
    public const string ConnectionChurn = "connection-churn";
    public const string DeploymentChurn = "deployment-churn";

    public static IReadOnlyList<string> All { get; } = [Http, Throughput, ColdStart, ConnectionChurn, DeploymentChurn];
}
