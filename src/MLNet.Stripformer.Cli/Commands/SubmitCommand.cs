using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MLNet.Stripformer.Orleans;
using Orleans.Configuration;
using Spectre.Console;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary>
/// <c>stripformer submit INPUT OUTPUT [--redis HOST:PORT | --gateways IP:PORT,...]</c>: spreads the images of INPUT
/// (as <c>deblur</c> selects them) over the workers of a cluster; INPUT and OUTPUT must be paths every worker sees.
/// Each image gets exactly one output, also when a worker dies mid-run; a rerun writes only what is missing.
/// </summary>
internal static class SubmitCommand
{
    public static Command Create(CliContext context)
    {
        var membership = new ClusterMembership();
        var input = new Argument<string>("INPUT") { Description = "An image file or a directory of images, on storage every worker sees." };
        var output = new Argument<string>("OUTPUT") { Description = "The output PNG file or directory, on storage every worker sees." };
        var gateways = new Option<string?>("--gateways") { Description = "Without Redis: the workers' gateway endpoints, IP:PORT[,IP:PORT...]." };
        var concurrency = new Option<int>("--concurrency") { Description = "Images in flight at once (about two per worker keeps each busy).", DefaultValueFactory = _ => 4 };
        var selection = new JobSelectionOptions(withSkipExisting: false);
        var command = new Command("submit", "Deblur images on a cluster of 'worker's.") { input, output, gateways, concurrency };
        selection.AddTo(command);
        membership.AddTo(command);
        CommandRunner.SetAction(command, context, (r, cancellationToken) =>
        {
            var plan = ImageJobPlan.Create(r.GetValue(input)!, r.GetValue(output)!, [string.Empty], selection.Read(r));
            var jobs = plan.Jobs.Select(j => new DeblurJob(Path.GetFullPath(j.Input), Path.GetFullPath(j.Output))).ToList();
            var endpoints = r.GetValue(gateways) is { } list ? list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(e => ClusterMembership.Endpoint(e.Trim(), "--gateways")).ToList() : null;
            if (r.GetValue(membership.Redis) is null && endpoints is null)
            {
                throw new ArgumentException("Give --redis (the cluster's Redis) or --gateways (the workers' gateway endpoints).");
            }

            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Error);
            builder.UseOrleansClient(client =>
            {
                if (r.GetValue(membership.Redis) is { } redis)
                {
                    client.UseRedisClustering(redis);
                }
                else
                {
                    client.UseStaticClustering([.. endpoints!]);
                }

                client.Configure<ClusterOptions>(o => membership.Configure(o, r));
            });
            using var host = builder.Build();
            host.StartAsync(cancellationToken).GetAwaiter().GetResult();
            IReadOnlyList<DeblurOutcome> outcomes = [];
            ConsoleProgress.Run(context.Console, "Deblurring on the cluster", jobs.Count, step =>
                outcomes = ClusterDeblur.RunAsync(host.Services.GetRequiredService<IClusterClient>(), jobs, r.GetValue(concurrency), new SynchronousProgress<int>(_ => step()), cancellationToken: cancellationToken).GetAwaiter().GetResult());
            host.StopAsync(CancellationToken.None).GetAwaiter().GetResult();

            int written = outcomes.Count(o => o.Written);
            context.Console.WriteLine($"Wrote {written} deblurred image(s); {outcomes.Count - written} existed already.");
            foreach (var silo in outcomes.Where(o => o.Written).GroupBy(o => o.Silo).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                context.Console.WriteLine($"  worker {silo.Key}: {silo.Count()}");
            }

            return 0;
        });
        return command;
    }
}
