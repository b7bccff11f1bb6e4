using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MLNet.Stripformer.Orleans;
using Orleans.Configuration;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary>
/// <c>stripformer worker [--redis HOST:PORT | --primary IP:PORT] [--silo-port N] [--gateway-port N]</c>: an Orleans
/// silo that deblurs the images clients submit, with one scoring session (<c>--model</c>, <c>--device</c>,
/// <c>--threads</c>) for all of them, until Ctrl+C or SIGTERM.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(CliContext context)
    {
        var membership = new ClusterMembership();
        var primary = new Option<string?>("--primary") { Description = "Without Redis: the first worker's silo endpoint (IP:PORT) for the others to join; leave it out on the first worker." };
        var siloPort = new Option<int>("--silo-port") { Description = "Port for silo-to-silo traffic.", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port clients connect to.", DefaultValueFactory = _ => 30000 };
        var advertise = new Option<string?>("--advertise") { Description = "The IP address other machines reach this one at (default: with --redis, one of this machine's; without, 127.0.0.1)." };
        var model = new Option<string?>("--model") { Description = "An ONNX model; default: the shipped model." };
        var device = new Option<string>("--device") { Description = "cpu, cuda or auto.", DefaultValueFactory = _ => "auto" };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for ONNX Runtime (default: all cores)." };
        var command = new Command("worker", "Host a deblurring worker (an Orleans silo) for 'submit' to use.") { primary, siloPort, gatewayPort, advertise, model, device, threads };
        membership.AddTo(command);
        CommandRunner.SetAction(command, context, (r, cancellationToken) =>
        {
            var options = OnnxDeviceChoice.Options(r.GetValue(device)!, r.GetValue(threads));
            string? modelPath = r.GetValue(model) is { } path && !File.Exists(path) ? throw new FileNotFoundException($"The model '{path}' does not exist.", path) : r.GetValue(model);
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error); // its ServerGC advice is noise for a worker
            builder.UseOrleans(silo =>
            {
                if (r.GetValue(membership.Redis) is { } redis)
                {
                    silo.UseRedisClustering(redis);
                    var address = r.GetValue(advertise) is { } ip ? IPAddress.Parse(ip) : null;
                    if (address is null)
                    {
                        silo.ConfigureEndpoints(r.GetValue(siloPort), r.GetValue(gatewayPort));
                    }
                    else
                    {
                        silo.ConfigureEndpoints(address, r.GetValue(siloPort), r.GetValue(gatewayPort));
                    }
                }
                else
                {
                    var first = r.GetValue(primary) is { } text ? ClusterMembership.Endpoint(text, "--primary") : null;
                    silo.UseLocalhostClustering(r.GetValue(siloPort), r.GetValue(gatewayPort), first, ClusterMembership.ServiceId, r.GetValue(membership.ClusterId)!);
                }

                silo.Configure<ClusterOptions>(o => membership.Configure(o, r));
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    // A dead worker is noticed in seconds, so its jobs move on quickly.
                    o.ProbeTimeout = TimeSpan.FromSeconds(2);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                });
                silo.AddStripformerWorker(modelPath, options);
            });
            using var host = builder.Build();
            host.StartAsync(cancellationToken).GetAwaiter().GetResult();
            context.Error.WriteLine($"worker up: silo port {r.GetValue(siloPort)}, gateway port {r.GetValue(gatewayPort)}; Ctrl+C stops it.");
            try
            {
                Task.Delay(Timeout.Infinite, cancellationToken).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                host.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
                context.Error.WriteLine("worker stopped.");
            }

            return 0;
        });
        return command;
    }
}
