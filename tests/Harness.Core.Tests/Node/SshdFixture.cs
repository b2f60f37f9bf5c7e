using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Harness.Node.Access;

namespace Harness.Core.Tests.Node;

/// <summary>A real OpenSSH sshd on 127.0.0.1 and a free port, with generated ed25519 host and user keys in a temp dir.</summary>
public sealed class SshdFixture : IAsyncLifetime
{
    private Process? _sshd;

    public string? SkipReason { get; private set; }

    public string Dir { get; } = Directory.CreateTempSubdirectory("sshd-test-").FullName;

    public int Port { get; private set; }

    public string KnownHosts => Path.Combine(Dir, "known_hosts");

    public string UserKey => Path.Combine(Dir, "user_key");

    internal SshTarget Target(string? knownHosts = null) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        User = Environment.UserName,
        KeyFile = UserKey,
        KnownHosts = knownHosts ?? KnownHosts,
    };

    public async Task InitializeAsync()
    {
        var sshd = NodeTestTools.Which("sshd");
        if (sshd is null || NodeTestTools.Which("ssh-keygen") is null)
        {
            SkipReason = "openssh-server is not installed";
            return;
        }

        if (!NodeTestTools.IsRoot)
        {
            SkipReason = "sshd needs root to log users in";
            return;
        }

        Directory.CreateDirectory("/run/sshd");
        NodeTestTools.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(Dir, "host_key"));
        NodeTestTools.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", UserKey);
        File.Copy(UserKey + ".pub", Path.Combine(Dir, "authorized_keys"));
        Port = LoopbackPort.Pick();
        var hostPub = File.ReadAllText(Path.Combine(Dir, "host_key.pub")).Split(' ');
        File.WriteAllText(KnownHosts, $"[127.0.0.1]:{Port.ToString(CultureInfo.InvariantCulture)} {hostPub[0]} {hostPub[1]}\n");
        var config = Path.Combine(Dir, "sshd_config");
        File.WriteAllText(config, $"""
            Port {Port.ToString(CultureInfo.InvariantCulture)}
            ListenAddress 127.0.0.1
            HostKey {Dir}/host_key
            PidFile {Dir}/sshd.pid
            AuthorizedKeysFile {Dir}/authorized_keys
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            """);
        var start = new ProcessStartInfo(sshd) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-D", "-e", "-f", config })
        {
            start.ArgumentList.Add(a);
        }

        _sshd = Process.Start(start)!;
        _sshd.BeginErrorReadLine();
        _sshd.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_sshd.HasExited)
            {
                await Task.Delay(20);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_sshd is not null)
        {
            _sshd.Kill(entireProcessTree: true);
            await _sshd.WaitForExitAsync();
            _sshd.Dispose();
        }

        Directory.Delete(Dir, true);
    }
}
