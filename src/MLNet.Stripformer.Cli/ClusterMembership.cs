using System.CommandLine;
using System.Net;
using Orleans.Configuration;

namespace MLNet.Stripformer.Cli;

/// <summary>
/// How the workers and clients of a deblurring cluster find each other: through Redis (<c>--redis</c>, for machines
/// that come and go), or without it, the first worker's silo endpoint (<c>--primary</c>) for workers and the gateway
/// list (<c>--gateways</c>) for clients, on one machine or a fixed set of them. Shared by <c>worker</c> and <c>submit</c>.
/// </summary>
internal sealed class ClusterMembership
{
    public const string ServiceId = "stripformer";

    public Option<string?> Redis { get; } = new("--redis") { Description = "Redis connection string (host:port) holding the cluster's membership; every worker and client of one cluster names the same." };

    public Option<string> ClusterId { get; } = new("--cluster-id") { Description = "The cluster's name (several can share one Redis).", DefaultValueFactory = _ => "stripformer" };

    public void AddTo(Command command)
    {
        command.Options.Add(Redis);
        command.Options.Add(ClusterId);
    }

    public void Configure(ClusterOptions options, ParseResult result)
    {
        options.ClusterId = result.GetValue(ClusterId)!;
        options.ServiceId = ServiceId;
    }

    /// <summary>Parses <c>host:port</c>, naming the option when it is not one.</summary>
    public static IPEndPoint Endpoint(string text, string option) =>
        IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port > 0
            ? endpoint
            : throw new ArgumentException($"{option} must be an IP address and port, such as 127.0.0.1:11111; got '{text}'.");
}
