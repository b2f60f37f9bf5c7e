namespace Harness.Platform.Kubernetes;

/// <summary>One pod of a distributed run's Job as the coordinator sees it.</summary>
/// <param name="Index">The Job's completion index (<c>batch.kubernetes.io/job-completion-index</c>): the agent's execution segment.</param>
/// <param name="Name">The pod's name.</param>
/// <param name="Phase">The pod's phase: Pending, Running, Succeeded, Failed or Unknown.</param>
/// <param name="Ready">The pod's Ready condition (its readiness probe on <c>/healthz</c> answered).</param>
/// <param name="Problem">Why the pod cannot run or has stopped (an image that cannot be pulled, a container that exited), else null.</param>
public sealed record AgentPod(int Index, string Name, string Phase, bool Ready, string? Problem);
