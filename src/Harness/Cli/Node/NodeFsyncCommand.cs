using System.ComponentModel;
using Harness.Node;
using Harness.Node.Fsync;
using Harness.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Node;

/// <summary><c>harness node fsync</c>: the etcd-fsync scenario on its own, writing results.json.</summary>
internal sealed class NodeFsyncCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<NodeFsyncCommand.Settings>
{
    /// <summary>Options of <c>harness node fsync</c>.</summary>
    internal sealed class Settings : NodeSettings
    {
        [CommandOption("--dir <DIR>")]
        [Description("Directory to measure (default: the target's node.datastore_dir; locally a temporary directory; remotely the k3s default)")]
        public string? Dir { get; init; }

        [CommandOption("--size <SIZE>")]
        [Description("Total bytes written, fio style (22m default, as in the etcd documentation)")]
        [DefaultValue("22m")]
        public string Size { get; init; } = "22m";

        [CommandOption("--block-size <BYTES>")]
        [DefaultValue(2300)]
        public int BlockSize { get; init; } = 2300;

        [CommandOption("--no-fio")]
        [Description("Skip the fio cross-check")]
        public bool NoFio { get; init; }

        [CommandOption("--etcd")]
        [Description("Real-etcd mode: start etcd locally (or read node.etcd.endpoint) and report its disk histograms")]
        public bool Etcd { get; init; }

        [CommandOption("--puts <N>")]
        [DefaultValue(2000)]
        public int Puts { get; init; } = 2000;

        [CommandOption("--etcd-put-load")]
        [Description("Also write probe keys into a remote etcd (node.etcd.endpoint); they are deleted afterwards")]
        public bool EtcdPutLoad { get; init; }

        public override ValidationResult Validate()
        {
            if (!ByteSize.TryParse(Size, out _))
            {
                return ValidationResult.Error($"--size {Size}: expected e.g. 22m, 512k or a byte count");
            }

            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var target = NodeCli.LoadTarget(settings.Target, console);
        if (target is null)
        {
            return ExitCodes.UsageError;
        }

        ByteSize.TryParse(settings.Size, out var size);
        var options = new EtcdFsyncOptions
        {
            Probe = new FsyncProbeOptions { TotalBytes = size, BlockSize = settings.BlockSize },
            Directory = settings.Dir,
            FioCrossCheck = !settings.NoFio,
            RealEtcd = settings.Etcd,
            Puts = settings.Puts,
            RemotePutLoad = settings.EtcdPutLoad,
        };
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            foreach (var e in errors)
            {
                console.MarkupLineVerbatim($"[red]error:[/] {e}");
            }

            return ExitCodes.UsageError;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await using var node = target.Open();
        var started = environment.Time.GetUtcNow();
        var result = await new EtcdFsyncScenario(environment.Time, http).RunAsync("etcd-fsync", target, node, options, cancellationToken).ConfigureAwait(false);
        NodeCli.Print(result, console);
        var path = await NodeRunSummary.WriteAsync(NodeRunSummary.Create([result], target, node, started, environment.Time.GetUtcNow()), settings.Out ?? "out/node-fsync", cancellationToken).ConfigureAwait(false);
        console.MarkupLineVerbatim($"results: {path}");
        return NodeCli.ExitCode(result);
    }
}
