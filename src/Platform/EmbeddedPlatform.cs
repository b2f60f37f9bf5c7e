using System.Net;
using Harness.Platform.Contracts;
using Harness.Platform.Gateway;
using Harness.Platform.Local;
using Harness.Platform.Watchdog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Harness.Platform;

/// <summary>
/// The gateway and a provider in one process: what <c>harness platform up</c> runs in the foreground and
/// <c>harness run</c> starts in-process. <see cref="StopAsync"/> stops the gateway and every replica.
/// </summary>
public sealed class EmbeddedPlatform : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ILoggerFactory _providerLogging;
    private readonly StateDirectoryLock _stateLock;
    private int _stopped;

    private EmbeddedPlatform(WebApplication app, ILoggerFactory providerLogging, StateDirectoryLock stateLock, IFunctionProvider provider, Uri url, BasicAuthCredentials credentials, string stateDirectory, bool created)
    {
        _app = app;
        _providerLogging = providerLogging;
        _stateLock = stateLock;
        Provider = provider;
        Url = url;
        Credentials = credentials;
        StateDirectory = stateDirectory;
        CredentialsCreated = created;
    }

    /// <summary>The gateway's base URL, with the port actually bound.</summary>
    public Uri Url { get; }

    /// <summary>The user and password the gateway's <c>/system</c> routes require (the files in <see cref="StateDirectory"/>).</summary>
    public BasicAuthCredentials Credentials { get; }

    /// <summary>True when this start generated the credential files.</summary>
    public bool CredentialsCreated { get; }

    /// <summary>The full path of the state folder, locked by this platform until it stops.</summary>
    public string StateDirectory { get; }

    /// <summary>The file the basic-auth user is kept in (<c>basic-auth-user</c>, mode 0600).</summary>
    public string UserFile => Path.Combine(StateDirectory, BasicAuthCredentials.UserFileName);

    /// <summary>The file the basic-auth password is kept in (<c>basic-auth-password</c>, mode 0600), e.g. for <c>faas-cli login --password-stdin</c>.</summary>
    public string PasswordFile => Path.Combine(StateDirectory, BasicAuthCredentials.PasswordFileName);

    /// <summary>The provider behind the gateway; owned by the platform, which disposes it on stop.</summary>
    public IFunctionProvider Provider { get; }

    /// <summary>Platform-wide warnings to show the user, for example resource limits that cannot be enforced here.</summary>
    public IReadOnlyList<string> Warnings { get; private init; } = [];

    /// <summary>Starts listening; throws <see cref="PlatformStartException"/> for a port in use or bad options.</summary>
    public static async Task<EmbeddedPlatform> StartAsync(EmbeddedPlatformOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new PlatformStartException(string.Join("; ", problems));
        }

        // Checked before anything starts: the provider would otherwise restart stored functions only to stop them again.
        ThrowIfPortInUse(options);
        var state = Path.GetFullPath(options.StateDirectory);
        StateDirectoryLock stateLock;
        try
        {
            Directory.CreateDirectory(state);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PlatformStartException($"cannot use state directory {state}: {e.Message}", e);
        }

        stateLock = StateDirectoryLock.Acquire(state);
        BasicAuthCredentials credentials;
        bool created;
        try
        {
            credentials = BasicAuthCredentials.LoadOrCreate(state, out created);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stateLock.Dispose();
            throw new PlatformStartException($"cannot use state directory {state}: {e.Message}", e);
        }

        var providerLogging = options.ConfigureLogging is null ? NullLoggerFactory.Instance : LoggerFactory.Create(options.ConfigureLogging);
        IFunctionProvider provider;
        try
        {
            provider = await (options.ProviderFactory ?? LocalProviderAsync)(new EmbeddedPlatformContext(state, providerLogging, options.Time) { ArtifactVersionsToKeep = options.ArtifactVersionsToKeep, TemplateCompat = options.TemplateCompat, InsecureNoSandbox = options.InsecureNoSandbox, ConfigureLocalProvider = options.ConfigureLocalProvider }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            providerLogging.Dispose();
            stateLock.Dispose();
            throw;
        }

        WebApplication? app = null;
        try
        {
            app = GatewayHost.Build(new GatewayHostSettings
            {
                Provider = provider,
                Options = options.Gateway,
                Bind = IPAddress.Parse(options.Bind),
                Port = options.Port,
                Credentials = credentials,
                Time = options.Time,
                ConfigureLogging = options.ConfigureLogging,
            });
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var url = BoundUrl(app, options);
            return new EmbeddedPlatform(app, providerLogging, stateLock, provider, url, credentials, state, created)
            {
                Warnings = provider is LocalProvider local ? local.Warnings : [],
            };
        }
        catch (Exception e)
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            await DisposeProviderAsync(provider).ConfigureAwait(false);
            providerLogging.Dispose();
            stateLock.Dispose();
            if (IsAddressInUse(e))
            {
                throw new PlatformStartException($"port {options.Port} on {options.Bind} is already in use; choose another with --port", e);
            }

            throw;
        }
    }

    /// <summary>Stops accepting calls, drains, then stops every replica the provider started.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            await DisposeProviderAsync(Provider).ConfigureAwait(false);
            _providerLogging.Dispose();
            _stateLock.Dispose();
        }
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>The local process provider over the state directory, with the watchdog found by <see cref="WatchdogLocator"/>; stored functions come back.</summary>
    internal static async ValueTask<IFunctionProvider> LocalProviderAsync(EmbeddedPlatformContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string watchdog;
        try
        {
            watchdog = WatchdogLocator.Find();
        }
        catch (FileNotFoundException e)
        {
            throw new PlatformStartException($"cannot find the watchdog: {e.Message} (run ./build.sh, or set {WatchdogLocator.EnvironmentVariable})", e);
        }

        var localOptions = new LocalProviderOptions
        {
            StateDirectory = context.StateDirectory,
            WatchdogPath = watchdog,
            TimeProvider = context.Time,
            Logger = context.LoggerFactory.CreateLogger("Harness.Platform.Local"),
            ArtifactVersionsToKeep = context.ArtifactVersionsToKeep,
            TemplateCompat = context.TemplateCompat,
            InsecureNoSandbox = context.InsecureNoSandbox,
        };
        var provider = new LocalProvider(context.ConfigureLocalProvider?.Invoke(localOptions) ?? localOptions);
        try
        {
            await provider.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return provider;
    }

    private static Uri BoundUrl(WebApplication app, EmbeddedPlatformOptions options)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault();
        if (first is not null && Uri.TryCreate(first, UriKind.Absolute, out var bound))
        {
            var host = IPAddress.Parse(options.Bind) is var ip && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)) ? "127.0.0.1" : bound.Host;
            return new UriBuilder("http", host, bound.Port).Uri;
        }

        return new UriBuilder("http", options.Bind, options.Port).Uri;
    }

    private static void ThrowIfPortInUse(EmbeddedPlatformOptions options)
    {
        if (options.Port == 0)
        {
            return;
        }

        var address = IPAddress.Parse(options.Bind);
        using var probe = new System.Net.Sockets.Socket(address.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(address, options.Port));
        }
        catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
        {
            throw new PlatformStartException($"port {options.Port} on {options.Bind} is already in use; choose another with --port", e);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new PlatformStartException($"cannot listen on {options.Bind}:{options.Port}: {e.Message}", e);
        }
    }

    private static bool IsAddressInUse(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                return true;
            }

            if (x is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }

    private static async ValueTask DisposeProviderAsync(IFunctionProvider provider)
    {
        switch (provider)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
