using Spectre.Console;

namespace MLNet.Stripformer.Cli.Tests.Support;

/// <summary>Runs the CLI in-process and captures what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        int code = StripformerCli.Run(args, console, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
