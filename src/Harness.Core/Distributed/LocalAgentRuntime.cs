using System.Diagnostics;

namespace Harness.Distributed;

/// <summary>
/// Agents as <c>harness agent</c> processes on this machine: more cores for one run than one engine uses, and the
/// protocol, segments and merge exercised for real without a cluster. Each agent holds a pipe to this process on its
/// standard input and exits when it closes, so a coordinator killed outright leaves no agent behind.
/// </summary>
internal sealed class LocalAgentRuntime(AgentLaunch launch, TimeSpan? startTimeout = null) : IAgentRuntime
{
    private const string Banner = "harness agent listening on ";

    public string Name => "local";

    public async Task<IAgentPool> StartAsync(int count, string token, TimeSpan? length, CancellationToken cancellationToken)
    {
        var pool = new Pool();
        try
        {
            for (var i = 0; i < count; i++)
            {
                pool.Processes.Add(Spawn(token));
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(startTimeout ?? TimeSpan.FromSeconds(60));
            var addresses = await Task.WhenAll(pool.Processes.Select((p, i) => ListenAddressAsync(p, i, timeout.Token))).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                var client = new HttpClient { BaseAddress = addresses[i], Timeout = TimeSpan.FromSeconds(10) };
                client.DefaultRequestHeaders.Add(AgentServer.TokenHeader, token);
                var process = pool.Processes[i];
                pool.Endpoints.Add(new AgentEndpoint(i, $"agent {i} (pid {process.Id})", client, ExitedAsync(process), process.Id));
            }

            return pool;
        }
        catch (Exception e)
        {
            await pool.DisposeAsync().ConfigureAwait(false);
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw e as AgentStartException ?? new AgentStartException($"local agents did not start: {e.Message}", e);
        }
    }

    private Process Spawn(string token)
    {
        var info = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in launch.Prefix.Concat(["agent", "--listen", "http://127.0.0.1:0", "--stdin-lifeline"]))
        {
            info.ArgumentList.Add(a);
        }

        info.Environment[AgentLaunch.TokenVariable] = token;
        // The agent's console is a pipe: no colours, no width guessing.
        info.Environment["NO_COLOR"] = "1";
        return ChildProcess.Start(info) ?? throw new AgentStartException($"could not start {launch.FileName}");
    }

    private static async Task<Uri> ListenAddressAsync(Process process, int index, CancellationToken cancellationToken)
    {
        // Bounded: the banner is the first line; anything else before EOF is the agent's complaint.
        for (var lines = 0; lines < 100; lines++)
        {
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!process.HasExited)
            {
                throw new AgentStartException($"agent {index} (pid {process.Id}) did not report its address in time");
            }

            if (line is null)
            {
                var error = await process.StandardError.ReadToEndAsync(CancellationToken.None).ConfigureAwait(false);
                throw new AgentStartException($"agent {index} exited before it listened: {Tail(error)}");
            }

            if (line.StartsWith(Banner, StringComparison.Ordinal))
            {
                // Keep draining both pipes so a chatty agent never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return new Uri(line[Banner.Length..].Trim());
            }
        }

        throw new AgentStartException($"agent {index} printed no address");
    }

    private static async Task<string> ExitedAsync(Process process)
    {
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        var error = await stderr.ConfigureAwait(false);
        return $"exited with code {process.ExitCode}{(string.IsNullOrWhiteSpace(error) ? "" : ": " + Tail(error))}";
    }

    private static string Tail(string text)
    {
        var t = text.Trim();
        return t.Length <= 400 ? t : "…" + t[^400..];
    }

    private sealed class Pool : IAgentPool
    {
        public List<Process> Processes { get; } = [];

        public List<AgentEndpoint> Endpoints { get; } = [];

        public IReadOnlyList<AgentEndpoint> Agents => Endpoints;

        public async ValueTask DisposeAsync()
        {
            foreach (var p in Processes)
            {
                try
                {
                    // The lifeline: an agent exits when its standard input closes.
                    p.StandardInput.Close();
                }
                catch (IOException)
                {
                }
            }

            foreach (var p in Processes)
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await p.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    p.Kill(entireProcessTree: true);
                    await p.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            foreach (var e in Endpoints)
            {
                e.Client.Dispose();
            }

            foreach (var p in Processes)
            {
                p.Dispose();
            }
        }
    }
}
