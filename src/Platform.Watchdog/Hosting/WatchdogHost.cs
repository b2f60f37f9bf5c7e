using System.Collections;
using System.Net;
using System.Runtime.InteropServices;
using Harness.Platform.Scheduling;
using Harness.Watchdog.Config;
using Harness.Watchdog.Execution;
using Harness.Watchdog.Health;
using Harness.Watchdog.Http;
using Harness.Watchdog.Isolation;
using Harness.Watchdog.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Harness.Watchdog.Hosting;

/// <summary>Wires config, mode, health and Kestrel together, and owns the SIGTERM sequence.</summary>
internal static class WatchdogHost
{
    public const int ConfigError = 2;
    public const int ListenError = 1;

    public static async Task<int> RunAsync(IDictionary environment)
    {
        var notifier = ReadinessNotifier.TakeFromEnvironment();
        var adopt = AdoptedUpstream.TakeFromEnvironment();
        // Before any child starts: the listener is marked close-on-exec here, so no function process holds it.
        var inherited = InheritedListener.TakeFromEnvironment();
        var (config, errors) = WatchdogConfigReader.Read(environment);
        if (config is null)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync("watchdog: " + error).ConfigureAwait(false);
            }

            return ConfigError;
        }

        if (config.Mode == WatchdogMode.Http)
        {
            // Before the supervisor's first readiness probe: that is the first socket, and the runtime reads the switch then.
            InlineSockets.Enable();
            if (config.SchedBatch && BatchScheduling.Apply() is { Applied: false, Error: { } error })
            {
                // A slower scheduling policy is not a reason not to serve.
                WatchdogLog.Error("sched_batch: " + error + "; the default policy stays");
            }
        }

        if (ProcessGroup.Resolve(config.Fprocess[0]) is null)
        {
            await Console.Error.WriteLineAsync($"watchdog: fprocess: '{config.Fprocess[0]}' was not found (PATH or relative to {Environment.CurrentDirectory})").ConfigureAwait(false);
            return ConfigError;
        }

        if (config.Mode == WatchdogMode.Http && !NativeSpawn.Available && SetsidLocator.SetsidPath is null)
        {
            WatchdogLog.Error("setsid not found: the function process shares the watchdog's process group, so stopping it kills only the direct child");
        }

        await using var supervisor = config.Mode == WatchdogMode.Http ? new UpstreamSupervisor(config.Fprocess, config.UpstreamUrl!, adopt) : null;
        var forkServer = ForkServer.Create(config, TimeProvider.System);
        IFunctionHandler handler = config.Mode switch
        {
            WatchdogMode.Http => new HttpProxyHandler(config, supervisor!),
            WatchdogMode.Streaming => new StreamingHandler(config, forkServer),
            _ => new SerializingHandler(config, forkServer),
        };

        // The child starts before the web host is even built: building and binding Kestrel and starting the function
        // are all on every cold start's path, and in series they add up. Health stays 503 until the child answers, and
        // a failed build or listen below disposes the supervisor, which stops it.
        supervisor?.Start();
        // Requests exec fprocess until the fork server is ready, so it never delays the first one.
        forkServer?.Start();
        var health = new HealthState(new LockFile(config.LockPath, config.SuppressLock), () => handler.Ready);
        var dispatcher = new RequestDispatcher(config, handler, health, new InflightLimiter(config.MaxInflight), new WatchdogMetrics());
        await using var app = Build(config, dispatcher, inherited);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"watchdog: cannot listen on {config.BindAddress}:{config.Port}: {ex.Message}").ConfigureAwait(false);
            return ListenError;
        }

        try
        {
            // A replica is not healthy before it is inside its cgroups (the join may still be running: see IsolationGate).
            await IsolationGate.Joined.ConfigureAwait(false);
            health.StartAccepting();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"watchdog: lock_path: cannot write {config.LockPath}: {ex.Message}").ConfigureAwait(false);
            await app.StopAsync().ConfigureAwait(false);
            return ListenError;
        }

        using var stopNotifying = new CancellationTokenSource();
        var held = notifier is not null && supervisor is not null ? notifier.NotifyHeldAsync(supervisor.Held, stopNotifying.Token) : Task.CompletedTask;
        var notified = notifier?.NotifyWhenReadyAsync(health, supervisor is null ? null : supervisor.WaitReadyAsync, stopNotifying.Token) ?? Task.CompletedTask;
        foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses)
        {
            if (inherited is not null && address.StartsWith("http://unix:", StringComparison.Ordinal))
            {
                // The inherited socket's path is the host's: it means nothing inside the sandbox and stays out of its logs.
                continue;
            }

            // Printed on stdout so a supervisor that asked for port 0 learns the real port.
            Console.Out.WriteLine("watchdog: listening on " + address);
        }

        Console.Out.Flush();
        WatchdogLog.Info($"mode={config.Mode.ToString().ToLowerInvariant()} fprocess=\"{string.Join(' ', config.Fprocess)}\"" +
            (supervisor is null ? "" : $" upstream={supervisor.Upstream}") + $" lock={(config.SuppressLock ? "suppressed" : config.LockPath)}");

        var terminated = new TaskCompletionSource<PosixSignal>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        var signal = await terminated.Task.ConfigureAwait(false);

        // OpenFaaS's order: unhealthy first, give load balancers one health interval to notice, then drain.
        WatchdogLog.Info($"{signal}: lock removed, health 503; waiting {config.HealthcheckInterval.TotalSeconds}s before draining");
        health.StopAccepting();
        await stopNotifying.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(held, notified).ConfigureAwait(false);
        StartShutdownGuard(config.HealthcheckInterval + config.WriteTimeout + TimeSpan.FromSeconds(5), supervisor);
        if (signal == PosixSignal.SIGTERM)
        {
            await Task.Delay(config.HealthcheckInterval).ConfigureAwait(false);
        }

        using (var drain = new CancellationTokenSource(config.WriteTimeout))
        {
            await app.StopAsync(drain.Token).ConfigureAwait(false);
        }

        WatchdogLog.Info("stopped");
        return 0;

        void Handle(PosixSignalContext context)
        {
            context.Cancel = true;
            terminated.TrySetResult(context.Signal);
        }
    }

    /// <summary>
    /// A replica that does not go away after SIGTERM blocks a scale-down forever; if the orderly sequence has not
    /// finished by <paramref name="deadline"/>, the function's process group is killed and the watchdog exits anyway.
    /// </summary>
    private static void StartShutdownGuard(TimeSpan deadline, UpstreamSupervisor? supervisor)
    {
        var guard = new Thread(() =>
        {
            Thread.Sleep(deadline);
            WatchdogLog.Error($"shutdown did not finish within {deadline.TotalSeconds}s; exiting now");
            if (supervisor?.CurrentPid is { } pid)
            {
                ProcessGroup.KillTree(pid, leaderAlive: true);
            }

            NativeMethods.Exit(1);
        })
        {
            IsBackground = true,
            Name = "shutdown guard",
        };
        guard.Start();
    }

    private static WebApplication Build(WatchdogConfig config, RequestDispatcher dispatcher, int? inherited)
    {
        // The empty builder reads no configuration files and sets up no logging: start time is part of every cold start.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelCore();
        if (config.Mode == WatchdogMode.Http)
        {
            // Nothing on the http-mode request path blocks (see InlineSockets); the fork modes spawn and pipe, so they stay on the pool.
            builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
        }
        // The watchdog owns SIGTERM (lock, interval, drain); the default console lifetime would stop at once.
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = config.WriteTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.RequestHeadersTimeout = config.ReadTimeout;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(Math.Max(config.ReadTimeout.TotalSeconds, 130));
            var address = IPAddress.Parse(config.BindAddress);
            kestrel.Listen(address, config.Port);
            if (config.UnixSocket is { } socket)
            {
                // A socket file left by an earlier watchdog of this replica would make the bind fail.
                File.Delete(socket);
                kestrel.ListenUnixSocket(socket);
            }

            if (inherited is { } fd)
            {
                // The Unix socket its monitor bound outside the sandbox (see InheritedListener).
                kestrel.ListenHandle((ulong)fd);
            }

            if (config.MetricsPort > 0)
            {
                kestrel.Listen(address, config.MetricsPort);
            }
        });

        var app = builder.Build();
        app.Run(dispatcher.InvokeAsync);
        return app;
    }
}
