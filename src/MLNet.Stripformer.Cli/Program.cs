using MLNet.Stripformer.Cli;
using Spectre.Console;

using var signals = new ShutdownSignals();
return StripformerCli.Run(args, AnsiConsole.Console, Console.Error, signals.Token);
