using YamlDotNet.Serialization;

namespace Harness.Platform.Client;

/// <summary>One gateway's entry in faas-cli's <c>config.yml</c>; <c>options</c> (oauth2 settings) is kept as read.</summary>
internal sealed class FaasCliAuthEntry
{
    [YamlMember(Alias = "gateway")]
    public string? Gateway { get; set; }

    [YamlMember(Alias = "auth")]
    public string? Auth { get; set; }

    [YamlMember(Alias = "token")]
    public string? Token { get; set; }

    [YamlMember(Alias = "options")]
    public List<Dictionary<string, string>>? Options { get; set; }
}
