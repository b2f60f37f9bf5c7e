using System.Text;
using Harness.Node.Access;

namespace Harness.Node.Audit;

/// <summary>What <c>harness node tune</c> prints or applies: a sysctl.d file for the failing rows, swap-off commands, a k3s install line.</summary>
internal sealed record TunePlan(string SysctlFile, IReadOnlyList<string> Commands)
{
    public const string SysctlPath = "/etc/sysctl.d/90-harness-faas.conf";

    public static TunePlan From(IReadOnlyList<AuditRow> rows, NodeFacts facts)
    {
        var file = new StringBuilder();
        file.AppendLine($"# {SysctlPath}: written by `harness node tune` for {facts.Node}");
        file.AppendLine("# Each value comes from `harness node audit`; the reason and source are above it.");
        foreach (var row in rows.Where(r => r.Setting.Contains('.', StringComparison.Ordinal) && r.Setting != "datastore filesystem"))
        {
            file.AppendLine();
            file.AppendLine($"# {row.Why}");
            file.AppendLine($"# source: {row.Source}");
            if (row.TuneValue is { } value)
            {
                file.AppendLine($"{row.Setting} = {value}");
            }
            else
            {
                file.AppendLine($"# already fine: {row.Setting} = {row.Current}");
            }
        }

        var commands = new List<string>();
        if (rows.Any(r => r.Id == "bridge-nf" && !r.Passed))
        {
            commands.Add("modprobe br_netfilter && echo br_netfilter > /etc/modules-load.d/harness-faas.conf");
        }

        commands.Add($"sysctl -p {SysctlPath}");
        // Swap off now and after a reboot (swap lines in /etc/fstab commented out, backup in /etc/fstab.harness-bak).
        // Harmless when swap is already off, and it keeps it off.
        commands.Add("swapoff -a");
        commands.Add("sed -i.harness-bak -E 's|^([^#].*[[:space:]]swap[[:space:]].*)$|# \\1|' /etc/fstab");

        return new TunePlan(file.ToString(), commands);
    }

    /// <summary>The printable form: the file as a heredoc, then the commands.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine($"cat > {SysctlPath} <<'EOF'");
        text.Append(SysctlFile);
        text.AppendLine("EOF");
        foreach (var command in Commands)
        {
            text.AppendLine(command);
        }

        return text.ToString();
    }

    /// <summary>Writes and loads the file and runs the commands on the node (root). Only behind an explicit --apply.</summary>
    public async Task<IReadOnlyList<NodeCommandResult>> ApplyAsync(INodeAccess node, CancellationToken cancellationToken)
    {
        var results = new List<NodeCommandResult>
        {
            await node.RunAsync($"cat > {SysctlPath} <<'HARNESS_EOF'\n{SysctlFile}HARNESS_EOF", TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false),
        };
        foreach (var command in Commands)
        {
            results.Add(await node.RunAsync(command, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false));
        }

        return results;
    }
}
