using Renci.SshNet;
using Renci.SshNet.Common;

namespace Harness.Node.Access;

/// <summary>A node reached over SSH (SSH.NET); the host key must be in the target's known_hosts unless told otherwise.</summary>
internal sealed class SshNodeAccess : INodeAccess
{
    private readonly SshTarget _target;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private SshClient? _client;
    private string? _hostKeyProblem;

    public SshNodeAccess(SshTarget target) => _target = target;

    public string Description => $"ssh {_target.User}@{_target.Host}:{_target.Port}";

    public bool IsLocal => false;

    public async Task<NodeCommandResult> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        using var ssh = client.CreateCommand(command);
        ssh.CommandTimeout = timeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await ssh.ExecuteAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SshOperationTimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return new NodeCommandResult(-1, NodeLimits.Bound(ssh.Result, out _), NodeLimits.Bound(ssh.Error, out _), TimedOut: true);
        }

        var output = NodeLimits.Bound(ssh.Result, out var cutOut);
        var error = NodeLimits.Bound(ssh.Error, out var cutErr);
        return new NodeCommandResult(ssh.ExitStatus ?? -1, output, error, false, cutOut || cutErr);
    }

    public async Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var result = await RunAsync($"head -c {NodeLimits.MaxFileBytes} -- {NodeLimits.ShellQuote(path)}", TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.StdOut : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_client is not null)
            {
                if (_client.IsConnected)
                {
                    _client.Disconnect();
                }

                _client.Dispose();
                _client = null;
            }
        }
        finally
        {
            _connectLock.Release();
        }

        _connectLock.Dispose();
    }

    private async Task<SshClient> ConnectAsync(CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client is { IsConnected: true })
            {
                return _client;
            }

            _client?.Dispose();
            var key = new PrivateKeyFile(_target.KeyFile);
            var info = new ConnectionInfo(_target.Host, _target.Port, _target.User, new PrivateKeyAuthenticationMethod(_target.User, key))
            {
                Timeout = TimeSpan.FromSeconds(10),
            };
            var client = new SshClient(info);
            client.HostKeyReceived += OnHostKeyReceived;
            try
            {
                await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SshConnectionException) when (_hostKeyProblem is not null)
            {
                client.Dispose();
                throw new NodeAccessException(_hostKeyProblem);
            }
            catch (Exception ex) when (ex is SshException or System.Net.Sockets.SocketException)
            {
                client.Dispose();
                throw new NodeAccessException($"{Description}: {ex.Message}", ex);
            }

            _client = client;
            return client;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
    {
        if (_target.InsecureIgnoreHostKey)
        {
            e.CanTrust = true;
            return;
        }

        var known = _target.KnownHosts is null ? null : Harness.Platform.Files.UserFile.ReadAllText(_target.KnownHosts);
        e.CanTrust = known is not null && KnownHosts.Matches(known, _target.Host, _target.Port, e.HostKeyName, e.HostKey);
        if (!e.CanTrust)
        {
            _hostKeyProblem = $"{Description}: host key {e.HostKeyName} SHA256:{e.FingerPrintSHA256} is not in {_target.KnownHosts}; "
                + "add it (ssh-keyscan) or set insecure_ignore_host_key: true";
        }
    }
}
