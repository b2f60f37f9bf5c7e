namespace Harness.Compliance.Rules;

/// <summary>The legal and technical sources findings cite (facts.md §4, public-cloud-faas.yml legal.*; retrieved 2026-11-26).</summary>
internal static class LegalReferences
{
    public const string GdprTransfers = "GDPR (Regulation (EU) 2016/679) Chapter V, Art. 44–49: transfers to third countries (Art. 44 general principle incl. onward transfers; 45 adequacy; 46 safeguards; 48 foreign orders only via international agreement; 49 derogations for occasional transfers)";
    public const string GdprProcessors = "GDPR Art. 28: processors and sub-processors need a contract and the controller's authorisation";
    public const string GdprSecurity = "GDPR Art. 32: security of processing (confidentiality, integrity, availability and resilience; regular testing)";
    public const string SchremsII = "CJEU C-311/18 Schrems II (Grand Chamber), judgment of 16 July 2020, ECLI:EU:C:2020:559: Privacy Shield invalid; SCCs only with essentially equivalent protection";
    public const string Dpf = "EU–US Data Privacy Framework, Commission Implementing Decision (EU) 2023/1795 of 10 July 2023 (OJ L 231, p. 118): covers only DPF-certified US organisations; upheld by the General Court in T-553/23 Latombe on 3 Sept 2025 (ECLI:EU:T:2025:831); appeal C-703/25 P lodged 31 Oct 2025, pending as of mid-2026";
    public const string CloudAct = "CLOUD Act, 18 U.S.C. § 2713: US providers must disclose data in their possession, custody or control wherever it is stored";
    public const string EdpbRemoteAccess = "EDPB Guidelines 05/2021 (v2.0, 14 Feb 2023): remote access from a third country counts as a transfer";
    public const string OpenFaasReadOnly = "OpenFaaS: read-only root filesystem is only the readOnlyRootFilesystem field (stack: readonly_root_filesystem); no com.openfaas.security.readonly label or annotation exists in faas-netes";
    public const string OpenFaasLimits = "OpenFaaS stack.yml: limits: {memory: 128Mi} (Kubernetes quantities); a container without a memory limit can take the node's memory";
    public const string OpenFaasAuth = "OpenFaaS gateway: /system/* requires HTTP Basic auth when basic_auth=true; failure answers 401";
    public const string OpenFaasTimeouts = "OpenFaaS watchdog: exec_timeout 0 disables the limit (classic watchdog default); keep gateway upstream_timeout < read/write_timeout";
    public const string K8sTopology = "Kubernetes well-known labels topology.kubernetes.io/region and /zone (set by the cloud-controller-manager, or by hand on a bare VPS)";
    public const string NginxDocs = "nginx ngx_http_proxy_module: proxy_read_timeout default 60s; ngx_http_core_module: client_max_body_size default 1m, 0 disables the check";

    public const string NginxKeepalive = "nginx ngx_http_upstream_module: keepalive N keeps idle upstream connections, and needs proxy_http_version 1.1 and proxy_set_header Connection \"\" (ngx_http_proxy_module's default is HTTP/1.0 with Connection: close)";
    public const string NginxBuffering = "nginx ngx_http_proxy_module: proxy_buffering on (the default) holds an upstream response until a buffer fills; off passes it to the client as it arrives";
    public const string WatchdogDefaults = "Watchdog defaults: classic watchdog exec_timeout 0 (no limit), write_timeout 30s; of-watchdog exec_timeout 30s, write_timeout 30s; Harness's watchdog exec_timeout 0 but every invocation is bounded by write_timeout (default 30s); OpenFaaS gateway upstream_timeout 60s";

    public static IReadOnlyList<string> UsOperator { get; } = [GdprTransfers, SchremsII, Dpf, CloudAct, GdprProcessors];

    public static IReadOnlyList<string> Transfer { get; } = [GdprTransfers, SchremsII, Dpf, EdpbRemoteAccess];
}
