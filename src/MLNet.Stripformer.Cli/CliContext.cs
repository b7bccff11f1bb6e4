using Spectre.Console;

namespace MLNet.Stripformer.Cli;

/// <summary>Where a command writes (the rich console for tables and progress, a plain writer for errors) and the
/// token that a termination signal cancels.</summary>
internal sealed record CliContext(IAnsiConsole Console, TextWriter Error, CancellationToken Shutdown = default);
