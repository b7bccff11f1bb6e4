using MLNet.Stripformer.Cli;
using Spectre.Console;

HugePages.EnableByRestarting();
using var signals = new ShutdownSignals();
return StripformerCli.Run(args, AnsiConsole.Console, Console.Error, signals.Token);
