namespace Harness.Scenarios;

/// <summary>The <c>churn:</c> section, after kube-burner: N functions; each cycle deletes and re-creates <see cref="Percent"/> of them, then waits <see cref="Delay"/>.</summary>
public sealed record ChurnOptions
{
    public int Functions { get; init; } = 5;
    public int Cycles { get; init; } = 3;
    public double Percent { get; init; } = 50;
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Name prefix of the churned functions; they are removed at the end.</summary>
    public string Prefix { get; init; } = "churn";
    /// <summary>The process each churned function runs (fork mode); a native binary keeps the measurement about the platform.</summary>
    public string Fprocess { get; init; } = DefaultFprocess;
    /// <summary>A public image with a classic watchdog that any OpenFaaS can pull (the OpenFaaS store's alpine function, run with <c>fprocess: cat</c>).
    /// The embedded platform cannot pull images: there an image without an artifact runs its fprocess on the host.</summary>
    public string Image { get; init; } = DefaultImage;
    /// <summary>At most this many status reads per second, all churned functions together (each is a Kubernetes API read on faas-netes).</summary>
    public double PollRate { get; init; } = 20;

    public const string DefaultImage = "ghcr.io/openfaas/alpine:latest";
    public const string DefaultFprocess = "cat";
}
