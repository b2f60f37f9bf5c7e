using System.Text;
using Harness.Compliance.Nginx;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Ingress;

/// <summary><c>harness ingress nginx</c>: prints an nginx configuration for the gateway that passes every ingress rule.</summary>
internal sealed class IngressNginxCommand(CliEnvironment environment) : AsyncCommand<IngressNginxSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, IngressNginxSettings settings, CancellationToken cancellationToken)
    {
        // The configuration goes to stdout untouched (`> nginx.conf`); problems go to stderr.
        var diagnostics = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(environment.StandardError) });
        var problems = settings.Problems();
        foreach (var problem in problems)
        {
            diagnostics.MarkupLineVerbatim($"[red]ingress nginx: {problem}[/]");
        }

        if (problems.Count > 0)
        {
            return ExitCodes.UsageError;
        }

        foreach (var (flag, file) in new[] { ("--tls-cert", settings.TlsCert), ("--tls-key", settings.TlsKey) })
        {
            if (file is not null && !File.Exists(Path.Combine(environment.CurrentDirectory, file)))
            {
                diagnostics.MarkupLineVerbatim($"[red]{flag}: {file}: no such file[/]");
                return ExitCodes.UsageError;
            }
        }

        var text = NginxIngressTemplate.Render(new NginxIngressOptions
        {
            ServerName = settings.ServerName,
            Gateway = settings.Gateway,
            TlsCertificate = settings.TlsCert is null ? null : Path.GetFullPath(settings.TlsCert, environment.CurrentDirectory),
            TlsKey = settings.TlsKey is null ? null : Path.GetFullPath(settings.TlsKey, environment.CurrentDirectory),
            ListenPort = settings.Listen,
            BodyLimit = Targets.EmbeddedTarget.GatewayOptions.MaxFunctionBodyBytes ?? 64L << 20,
            UpstreamTimeout = Targets.EmbeddedTarget.GatewayOptions.UpstreamTimeout,
        });
        await environment.StandardOutput.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        await environment.StandardOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
