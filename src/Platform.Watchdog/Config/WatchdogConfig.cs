namespace Harness.Watchdog.Config;

/// <summary>The watchdog's settings, read from environment variables with OpenFaaS's names (see README).</summary>
internal sealed record WatchdogConfig
{
    public int Port { get; init; } = 8080;

    public string BindAddress { get; init; } = "0.0.0.0";

    public int MetricsPort { get; init; }

    /// <summary>Harness extension: a Unix domain socket to listen on besides <see cref="Port"/> (the gateway's short way in).</summary>
    public string? UnixSocket { get; init; }

    public required IReadOnlyList<string> Fprocess { get; init; }

    public WatchdogMode Mode { get; init; } = WatchdogMode.Serializing;

    public Uri? UpstreamUrl { get; init; }

    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Zero disables the limit (the request is still bounded by <see cref="WriteTimeout"/>).</summary>
    public TimeSpan ExecTimeout { get; init; }

    public TimeSpan HealthcheckInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Zero means no limit.</summary>
    public int MaxInflight { get; init; }

    /// <summary>Empty: the function's own Content-Type, else the request's, else application/octet-stream.</summary>
    public string ContentType { get; init; } = "";

    public bool CombineOutput { get; init; } = true;

    public bool WriteDebug { get; init; }

    /// <summary>of-watchdog's <c>log_call_id</c>: each call's log line ends with its <c>X-Call-Id</c>.</summary>
    public bool LogCallId { get; init; }

    public bool SuppressLock { get; init; }

    /// <summary>Harness extension, off by default: in http mode, run the watchdog and the function under SCHED_BATCH (see BatchScheduling).</summary>
    public bool SchedBatch { get; init; }

    public string LockPath { get; init; } = "/tmp/.lock";

    public bool CgiHeaders { get; init; } = true;

    /// <summary>Harness extension: fork-mode output starts with CGI response headers (<c>Status: 400</c>, blank line, body).</summary>
    public bool CgiResponse { get; init; }

    /// <summary>
    /// Harness extension: fork a pre-imported Python per request instead of exec'ing <c>python3 index.py</c>. Null (the
    /// default) means on for such an fprocess; false turns it off.
    /// </summary>
    public bool? ForkServer { get; init; }

    /// <summary>The deadline of one invocation: exec_timeout when set, and never longer than write_timeout.</summary>
    public TimeSpan InvocationDeadline =>
        ExecTimeout > TimeSpan.Zero && ExecTimeout < WriteTimeout ? ExecTimeout : WriteTimeout;
}
