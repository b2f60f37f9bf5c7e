namespace Harness.Bench;

/// <summary>Settings of <c>harness bench watchdog</c>.</summary>
internal sealed record WatchdogBenchOptions
{
    /// <summary>Length of one measured run; every figure is the median of <see cref="Rounds"/> runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(3);

    public int Rounds { get; init; } = 3;

    /// <summary>Watchdog starts timed (spawn to listening); 0 skips it.</summary>
    public int Starts { get; init; } = 10;

    /// <summary>Concurrent keep-alive connections in http mode.</summary>
    public int HttpConnections { get; init; } = 32;

    /// <summary>Concurrent connections (and spawn-loop workers) in fork mode.</summary>
    public int ForkConnections { get; init; } = 8;

    public bool Http { get; init; } = true;

    public bool Fork { get; init; } = true;

    /// <summary>Use the built-in client even when wrk is installed.</summary>
    public bool NoWrk { get; init; }

    /// <summary>A classic-watchdog binary built from OpenFaaS's sources, the fork-mode python baseline; null: none.</summary>
    public string? ClassicWatchdog { get; init; }

    /// <summary>An of-watchdog binary built from OpenFaaS's sources; null: none.</summary>
    public string? OfWatchdog { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (option, path) in new[] { ("--classic-watchdog", ClassicWatchdog), ("--of-watchdog", OfWatchdog) })
        {
            if (path is not null && !File.Exists(path))
            {
                errors.Add($"{option}: '{path}' does not exist (build it from github.com/openfaas/{option[2..]} with go build)");
            }
        }

        if (Duration < TimeSpan.FromMilliseconds(200) || Duration > TimeSpan.FromMinutes(2))
        {
            errors.Add("--duration: must be between 200ms and 2m");
        }

        if (Rounds is < 1 or > 20)
        {
            errors.Add("--rounds: must be between 1 and 20");
        }

        if (Starts is < 0 or > 100)
        {
            errors.Add("--starts: must be between 0 and 100");
        }

        if (HttpConnections is < 1 or > 1000)
        {
            errors.Add("--connections: must be between 1 and 1000");
        }

        if (ForkConnections is < 1 or > 64)
        {
            errors.Add("--fork-connections: must be between 1 and 64");
        }

        if (!Http && !Fork)
        {
            errors.Add("--http-only and --fork-only exclude each other");
        }

        return errors;
    }
}
