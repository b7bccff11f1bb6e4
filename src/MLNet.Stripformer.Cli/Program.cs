using MLNet.Stripformer.Cli;
using Spectre.Console;

return StripformerCli.Run(args, AnsiConsole.Console, Console.Error);
