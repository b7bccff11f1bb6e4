using System.CommandLine;
using System.Globalization;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using Spectre.Console;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary><c>stripformer info --config seed|paper</c>: the parameter count and the layer table.</summary>
internal static class InfoCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Option<string>("--config") { Description = "seed (the report's, 3.2 M parameters) or paper (19.7 M).", DefaultValueFactory = _ => "seed" };
        var command = new Command("info", "Print a Stripformer configuration's parameter count and layers.") { config };
        CommandRunner.SetAction(command, context, (result, _) => Execute(context, StripformerConfig.FromName(result.GetValue(config)!)));
        return command;
    }

    private static int Execute(CliContext context, StripformerConfig config)
    {
        TorchRuntime.Initialize();
        using var network = new StripformerNetwork(config);
        var table = new Table().Title($"Stripformer '{config.Name}'").AddColumn("Layer").AddColumn(new TableColumn("Parameters").RightAligned()).AddColumn("Tensors");
        foreach (var group in network.named_parameters().GroupBy(p => Layer(p.name)))
        {
            long count = group.Sum(p => p.parameter.numel());
            table.AddRow(group.Key, count.ToString("N0", CultureInfo.InvariantCulture), group.Count().ToString(CultureInfo.InvariantCulture));
        }

        context.Console.Write(table);
        context.Console.WriteLine($"parameters: {network.ParameterCount}");
        context.Console.WriteLine($"tensors: {network.state_dict().Count}");
        context.Console.WriteLine($"output: {config.Output}, input shift {config.InputShift.ToString(CultureInfo.InvariantCulture)}");
        context.Console.WriteLine($"runtime: {TorchRuntime.Description}");
        return 0;
    }

    private static string Layer(string parameter)
    {
        string[] parts = parameter.Split('.');
        return parts[0] is "encoder" or "decoder" ? $"{parts[0]}.{parts[1]}" : parts[0];
    }
}
