using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Run;

/// <summary>Options of <c>harness run</c>.</summary>
internal sealed class RunSettings : CommandSettings
{
    [CommandArgument(0, "[SCENARIOS]")]
    [Description("Scenario files (default: every scenarios/*.yml, the default suite)")]
    public string[] Scenarios { get; init; } = [];

    [CommandOption("-t|--target <FILE>")]
    [Description("Target file (default: scenarios/targets/local.yml, the embedded platform)")]
    public string? Target { get; init; }

    [CommandOption("--policy <FILE>")]
    [Description("Residency policy to check the target against after the scenarios (overrides the target's policy:; pre-release needs one)")]
    public string? Policy { get; init; }

    [CommandOption("-o|--out <DIR>")]
    [Description("Output directory for results.json, junit.xml, report.pdf and summary.md")]
    [DefaultValue("out")]
    public string Out { get; init; } = "out";

    [CommandOption("--no-report")]
    [Description("Write results.json and junit.xml only, no PDF or Markdown report")]
    public bool NoReport { get; init; }

    [CommandOption("--profile <PROFILE>")]
    [Description("smoke (under a minute), default (~2 minutes) or pre-release (longer, plus every node scenario and the compliance check)")]
    [DefaultValue("default")]
    public string Profile { get; init; } = "default";

    [CommandOption("--history <FILE>")]
    [Description("History database the run is recorded in and compared against (default: OUT/history.db)")]
    public string? History { get; init; }

    [CommandOption("--no-history")]
    [Description("Do not record the run in the history database")]
    public bool NoHistory { get; init; }

    [CommandOption("--baseline <NAME>")]
    [Description("Compare with this named baseline instead of the previous run")]
    public string? Baseline { get; init; }

    [CommandOption("--pin-baseline <NAME>")]
    [Description("Pin this run as the named baseline")]
    public string? PinBaseline { get; init; }

    [CommandOption("--tolerance <PERCENT>")]
    [Description("Allowed slowdown of a median (overrides the scenarios' regression.tolerance; default 10%)")]
    public string? Tolerance { get; init; }

    [CommandOption("--dry-run")]
    [Description("Check the scenarios and target, print the plan (steps and planned duration of the profile) and exit without running")]
    public bool DryRun { get; init; }

    [CommandOption("--fail-on-regression")]
    [Description("Exit 1 when a metric regressed beyond tolerance against the baseline or previous run")]
    public bool FailOnRegression { get; init; }

    [CommandOption("--agents <N>")]
    [Description("Spread each load scenario (http, throughput, connection-churn; other kinds refuse agents) over N agents (execution segments, one start barrier, HDR histograms merged, thresholds judged on the merge)")]
    public int? Agents { get; init; }

    [CommandOption("--agent-runtime <RUNTIME>")]
    [Description("Where the agents run: local (harness agent processes on this machine) or kubernetes")]
    public string? AgentRuntime { get; init; }

    [CommandOption("--kubeconfig <FILE>")]
    [Description("Kubernetes agents: the kubeconfig (default: the target file's kubeconfig:, else KUBECONFIG or ~/.kube/config, as kubectl)")]
    public string? Kubeconfig { get; init; }

    [CommandOption("--agent-namespace <NS>")]
    [Description("Kubernetes agents: the namespace of their Job (default: the kubeconfig context's, else default)")]
    public string? AgentNamespace { get; init; }

    [CommandOption("--agent-image <IMAGE>")]
    [Description("Kubernetes agents: the image with the harness CLI the pods run (same harness version as this one)")]
    public string? AgentImage { get; init; }

    [CommandOption("--agent-spread")]
    [Description("Kubernetes agents: one per node where the cluster allows (topology spread over kubernetes.io/hostname, maxSkew 1)")]
    public bool AgentSpread { get; init; }

    [CommandOption("--agent-cpu <QUANTITY>")]
    [Description("Kubernetes agents: CPU request and limit per agent, e.g. 1 or 500m")]
    public string? AgentCpu { get; init; }

    [CommandOption("--agent-memory <QUANTITY>")]
    [Description("Kubernetes agents: memory request and limit per agent, e.g. 512Mi")]
    public string? AgentMemory { get; init; }

    /// <summary>The flags as one source of the run's distribution (they override the files' <c>distributed:</c> sections).</summary>
    public Distributed.DistributedSection DistributedFlags() => new()
    {
        Agents = Agents,
        Runtime = AgentRuntime,
        Spread = AgentSpread ? true : null,
        Cpu = AgentCpu,
        Memory = AgentMemory,
        Image = AgentImage,
        Namespace = AgentNamespace,
        Kubeconfig = Kubeconfig is { } k ? Path.GetFullPath(k) : null,
    };

    /// <summary>The history database the run records in, as the user named it (default OUT/history.db), or null with <c>--no-history</c>.</summary>
    public string? HistoryFile => NoHistory ? null : History ?? Path.Combine(Out, "history.db");

    public override ValidationResult Validate()
    {
        var errors = Problems();
        return errors.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join('\n', errors));
    }

    /// <summary>Every problem with the flags, not just the first (the files are checked after, by <c>RunSetup</c>).</summary>
    public IReadOnlyList<string> Problems()
    {
        var errors = new List<string>();

        // The same checks as a distributed: section's; whether the Kubernetes flags fit the runtime is decided with the files (RunDistribution).
        if (Agents is { } agents && Distributed.DistributedChecks.Agents(agents) is { } badAgents)
        {
            errors.Add($"--agents: {badAgents}");
        }

        if (AgentRuntime is not null && Distributed.DistributedChecks.Runtime(AgentRuntime) is { } badRuntime)
        {
            errors.Add($"--agent-runtime: {badRuntime}");
        }

        if (AgentCpu is not null && Distributed.DistributedChecks.Cpu(AgentCpu) is { } badCpu)
        {
            errors.Add($"--agent-cpu: {badCpu}");
        }

        if (AgentMemory is not null && Distributed.DistributedChecks.Memory(AgentMemory) is { } badMemory)
        {
            errors.Add($"--agent-memory: {badMemory}");
        }

        if (Kubeconfig is not null && Distributed.DistributedChecks.Kubeconfig(Kubeconfig) is { } badKubeconfig)
        {
            errors.Add($"--kubeconfig: {badKubeconfig}");
        }

        if (Runs.RunProfile.Find(Profile) is null)
        {
            errors.Add($"--profile: unknown profile '{Profile}' (use smoke, default or pre-release)");
        }

        if (Tolerance is not null && Harness.History.ToleranceText.Parse(Tolerance) is null)
        {
            errors.Add($"--tolerance: '{Tolerance}' is not a percentage such as 10%");
        }

        if (string.IsNullOrWhiteSpace(Out))
        {
            errors.Add("--out: the output folder is empty; give a folder such as out");
        }

        if (History is not null && string.IsNullOrWhiteSpace(History))
        {
            errors.Add("--history: the history file is empty; give a file such as out/history.db, or --no-history");
        }

        foreach (var (option, name) in new[] { ("--baseline", Baseline), ("--pin-baseline", PinBaseline) })
        {
            if (name is not null && Harness.History.BaselineName.Problem(name) is { } badName)
            {
                errors.Add($"{option}: {badName}");
            }
        }

        if (NoHistory)
        {
            if (History is not null)
            {
                errors.Add("--history and --no-history: choose one");
            }

            // Each of these needs the history; without it the comparison (and a --fail-on-regression gate) would silently pass.
            foreach (var (option, given) in new[] { ("--baseline", Baseline is not null), ("--pin-baseline", PinBaseline is not null), ("--fail-on-regression", FailOnRegression) })
            {
                if (given)
                {
                    errors.Add($"{option}: needs the run history, but --no-history turns it off");
                }
            }
        }

        return errors;
    }
}
