using Spectre.Console;

namespace MLNet.Stripformer.Cli;

/// <summary>Where a command writes: the rich console for tables and progress, a plain writer for errors.</summary>
internal sealed record CliContext(IAnsiConsole Console, TextWriter Error);
