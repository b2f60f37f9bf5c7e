using System.Text;

namespace Harness.Node.Audit;

/// <summary>A k3s install line with each flag's reason; printed only, never run by the harness.</summary>
internal static class K3sInstallLine
{
    public static string Render(string ingress, string? dataDir)
    {
        var flags = new List<(string Flag, string Why)>();
        if (string.Equals(ingress, "nginx", StringComparison.OrdinalIgnoreCase))
        {
            flags.Add(("--disable traefik", "nginx is the ingress here; two ingress controllers would fight over ports 80/443"));
        }

        flags.Add(("--secrets-encryption", "encrypt Secrets (function credentials) at rest in the datastore"));
        flags.Add(("--write-kubeconfig-mode 600", "the admin kubeconfig stays readable by root only"));
        if (dataDir is not null)
        {
            flags.Add(($"--data-dir {dataDir}", "the datastore on the disk that passed `harness node fsync` (p99 < 10 ms)"));
        }

        flags.Add(("--kube-proxy-arg conntrack-max-per-core=0", "keep nf_conntrack_max from the sysctl file; kube-proxy would only ever raise it"));
        var text = new StringBuilder();
        text.AppendLine("# k3s install (review first; the harness never runs this):");
        foreach (var (flag, why) in flags)
        {
            text.AppendLine($"#   {flag,-45} {why}");
        }

        text.AppendLine($"curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC=\"server {string.Join(' ', flags.Select(f => f.Flag))}\" sh -s -");
        return text.ToString();
    }
}
