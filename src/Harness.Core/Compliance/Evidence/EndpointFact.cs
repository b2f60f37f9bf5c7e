using Harness.Compliance.Jurisdiction;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Evidence;

/// <summary>A host something talks to (an environment value, a gateway URL, a DNS or NTP server) and its jurisdiction.</summary>
internal sealed record EndpointFact(string Subject, string Purpose, HostVerdict Verdict, EvidenceItem Evidence);
