using System.CommandLine;
using MLNet.Stripformer.Cli.Commands;
using Spectre.Console;

namespace MLNet.Stripformer.Cli;

/// <summary>The <c>stripformer</c> command line: its verbs and how they are invoked.</summary>
internal static class StripformerCli
{
    /// <summary>Parses and runs a command line. Returns the process exit code: 0 on success.</summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error, CancellationToken shutdown = default)
    {
        var root = new RootCommand("stripformer: image deblurring for ML.NET (blur synthesis, evaluation, Stripformer).");
        var context = new CliContext(console, error, shutdown);
        root.Subcommands.Add(BlurCommand.Create(context));
        root.Subcommands.Add(EvalCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(InfoCommand.Create(context));
        root.Subcommands.Add(TrainCommand.Create(context));
        root.Subcommands.Add(DeblurCommand.Create(context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(QuantizeCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        root.Subcommands.Add(QualityCommand.Create(context));
        root.Subcommands.Add(CompareCommand.Create(context));
        root.Subcommands.Add(BenchTrainCommand.Create(context));
        root.Subcommands.Add(WorkerCommand.Create(context));
        root.Subcommands.Add(SubmitCommand.Create(context));
        root.Options.OfType<VersionOption>().Single().Action = new VersionReport(console.Profile.Out.Writer);
        // Signals are handled by the caller's shutdown token (ShutdownSignals), which lets a command finish its step
        // and save; System.CommandLine's own handler would end the process after a timeout.
        var configuration = new InvocationConfiguration { Error = error, Output = console.Profile.Out.Writer, ProcessTerminationTimeout = null };
        return root.Parse(args).Invoke(configuration);
    }
}
