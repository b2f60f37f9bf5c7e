using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.App;

/// <summary>The <c>harness</c> command tree; each command is a thin binding over a library service. Its own namespace, since it names every command and no command may name it back.</summary>
public static class HarnessApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var environment = CliEnvironment.FromProcess();
        ConsoleWidth.ApplyTo(AnsiConsole.Console, environment);
        RedactingRenderHook.AttachTo(AnsiConsole.Console);
        var app = new CommandApp();
        app.Configure(config =>
        {
            Configure(config);
            config.Settings.Registrar.RegisterInstance(environment);
        });
        try
        {
            return await app.RunAsync(args).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CommandAppException or CliUsageException)
        {
            // Exceptions propagate (so tests see them); a bad flag or a failed settings check is still exit 2, not a crash.
            // A settings check may list several problems, one a line; each is its own error line.
            foreach (var line in UsageErrorText.Describe(ex, args).Split('\n'))
            {
                ConsoleText.Error(AnsiConsole.Console, line);
            }

            return ExitCodes.UsageError;
        }
    }

    /// <summary>Registers every command; tests call this to run the CLI in-process.</summary>
    public static void Configure(IConfigurator config)
    {
        config.SetApplicationName("harness");
        config.PropagateExceptions();
        // A mistyped option is an error (exit 2 naming it), never ignored: relaxed parsing dropped `--frobnicate` and let
        // `--tagret FILE` swallow the file. No command takes extra arguments (IRemainingArguments), so none loses anything.
        config.UseStrictParsing();
        // Strict parsing still takes anything after `--` as "remaining" arguments; no command reads them, so they are refused too.
        config.Settings.Registrar.RegisterInstance<ICommandInterceptor>(new NoPassthroughArguments());
        config.ValidateExamples();
        // Commands are registered below, one line each, grouped by area.
        config.AddCommand<Run.RunCommand>("run").WithDescription("Run scenarios (default: the suite in scenarios/) and write results.json, junit.xml and the report")
            .WithExample("run").WithExample("run", "scenarios/examples/stall.yml", "--out", "out/stall");
        config.AddCommand<Agent.AgentCommand>("agent").WithDescription("Be one load generator of a distributed run (started by harness run --agents N)");
        config.AddBranch("platform", platform =>
        {
            platform.SetDescription("Run the embedded OpenFaaS-compatible platform (gateway + local provider)");
            platform.AddCommand<Platform.PlatformUpCommand>("up").WithDescription("Start the gateway and the local provider in the foreground");
        });
        config.AddBranch("k8s", k8s =>
        {
            k8s.SetDescription("Run the platform on Kubernetes (k3s): manifests and server-side apply");
            k8s.AddCommand<Kubernetes.K8sManifestsCommand>("manifests").WithDescription("Print the stack's functions (and with --platform the platform's objects) as YAML");
            k8s.AddCommand<Kubernetes.K8sApplyCommand>("apply").WithDescription("Server-side apply the stack's functions (and with --platform the platform) to a cluster");
        });
        config.AddCommand<Stack.ValidateCommand>("validate").WithDescription("Check a stack file (stack.yml) and list its functions");
        config.AddBranch("check", check =>
        {
            check.SetDescription("Compliance checks (data residency, configuration) with evidence for audits");
            check.AddCommand<Compliance.CheckResidencyCommand>("residency").WithDescription("Data-residency and configuration compliance against a policy");
        });
        config.AddBranch("ingress", ingress =>
        {
            ingress.SetDescription("Ingress configuration for the gateway");
            ingress.AddCommand<Ingress.IngressNginxCommand>("nginx").WithDescription("Print an nginx configuration for the gateway that passes every ingress rule of check residency");
        });
        config.AddBranch("node", Node.NodeCommands.Register);
        config.Settings.Registrar.RegisterInstance(CliEnvironment.FromProcess());
        config.AddCommand<Client.LoginCommand>("login").WithDescription("Check and store gateway credentials (shared with faas-cli)");
        config.AddCommand<Client.LogoutCommand>("logout").WithDescription("Remove stored gateway credentials");
        config.AddCommand<Client.DeployCommand>("deploy").WithDescription("Deploy a stack's functions to a gateway");
        config.AddCommand<Client.BuildCommand>("build").WithDescription("Build a stack's functions into build/ (and a platform on this machine)");
        config.AddCommand<Client.PushCommand>("push").WithDescription("Upload built functions to the gateway's artifact store");
        config.AddCommand<Client.UpCommand>("up").WithDescription("Build, push and deploy a stack");
        config.AddCommand<Client.InvokeCommand>("invoke").WithDescription("Call a function with standard input as the body");
        config.AddCommand<Client.ListCommand>("list").WithAlias("ls").WithDescription("List the gateway's functions");
        config.AddCommand<Client.DescribeCommand>("describe").WithDescription("Show one function's status");
        config.AddCommand<Client.RemoveCommand>("remove").WithAlias("rm").WithDescription("Remove a function");
        config.AddCommand<Client.ScaleCommand>("scale").WithDescription("Set a function's replicas");
        config.AddCommand<Client.LogsCommand>("logs").WithDescription("Print a function's logs");
        config.AddBranch("secret", secret =>
        {
            secret.SetDescription("Manage function secrets");
            secret.AddCommand<Client.SecretCreateCommand>("create").WithDescription("Create a secret");
            secret.AddCommand<Client.SecretCreateCommand>("update").WithDescription("Replace a secret's value");
            secret.AddCommand<Client.SecretListCommand>("list").WithAlias("ls").WithDescription("List secrets");
            secret.AddCommand<Client.SecretRemoveCommand>("remove").WithAlias("rm").WithDescription("Remove a secret");
        });
        config.AddBranch("namespace", ns =>
        {
            ns.SetDescription("Manage function namespaces (a function is deployed only into one that exists)");
            ns.AddCommand<Client.NamespaceListCommand>("list").WithAlias("ls").WithDescription("List namespaces");
            ns.AddCommand<Client.NamespaceCommand>("get").WithAlias("describe").WithDescription("Show a namespace's labels and annotations");
            ns.AddCommand<Client.NamespaceCommand>("create").WithDescription("Create a namespace");
            ns.AddCommand<Client.NamespaceCommand>("update").WithDescription("Replace a namespace's labels and annotations");
            ns.AddCommand<Client.NamespaceCommand>("remove").WithAlias("rm").WithDescription("Remove an empty namespace");
        });
        config.AddBranch("bench", bench =>
        {
            bench.SetDescription("Benchmarks that print ratios against baselines (not tests)");
            bench.AddCommand<Bench.BenchEngineCommand>("engine").WithDescription("Load engine vs wrk (max req/s) and with vs without coordinated omission (latency)");
            bench.AddCommand<Bench.BenchGatewayCommand>("gateway").WithDescription("Gateway throughput and p99: gateway → watchdog → nginx vs nginx direct (wrk -t2 -c32)");
            bench.AddCommand<Bench.BenchAgentsCommand>("agents").WithDescription("N local agents' total max req/s and client CPU per request vs one process's, and the agents' start skew");
            bench.AddCommand<Bench.BenchWatchdogCommand>("watchdog").WithDescription("Watchdog throughput: http mode vs the upstream direct, fork mode vs a bare spawn loop");
            bench.SetDefaultCommand<Bench.BenchAllCommand>();
            bench.AddCommand<Bench.BenchAllCommand>("all").WithDescription("Every end-to-end benchmark above in one run, then one table of the four ratios with targets (--markdown FILE, --update-readme README.md)");
            bench.AddCommand<Bench.BenchColdStartCommand>("cold-start").WithDescription("Scale-from-zero to first byte (python3-http) vs the bare interpreter's start-to-ready time");
            bench.AddCommand<Bench.BenchReportCommand>("report").WithDescription("PDF report of a ~20-page sample run: time, memory and size against 3 s / 3 MB");
        });
        config.AddCommand<History.HistoryCommand>("history").WithDescription("List recorded runs (newest first) from the history database");
        config.AddCommand<History.CompareCommand>("compare").WithDescription("Compare two recorded runs (default: latest vs the one before); exit 1 on a regression beyond tolerance");
        config.AddBranch("baseline", b =>
        {
            b.SetDescription("Named baseline runs for harness compare --baseline");
            b.AddCommand<History.BaselineSetCommand>("set").WithDescription("Pin NAME to a recorded run (default: the latest)");
        });
        config.AddCommand<Report.ReportCommand>("report").WithDescription("Write the PDF report (or --format md summary) of a results.json")
            .WithExample("report", "out/results.json", "-o", "out/report.pdf");
    }
}
