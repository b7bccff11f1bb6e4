using System.CommandLine;

namespace MLNet.Stripformer.Cli;

/// <summary>
/// Runs a command's work and turns any failure into one line on standard error and exit code 1, so a user never
/// sees a stack trace. Cancellation (Ctrl+C, SIGTERM) gives exit code 130.
/// </summary>
internal static class CommandRunner
{
    public const int Failure = 1;
    public const int Cancelled = 130;

    public static void SetAction(Command command, CliContext context, Func<ParseResult, CancellationToken, int> work) =>
        command.SetAction((parseResult, cancellationToken) =>
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.Shutdown);
            return Task.FromResult(Run(context, () => work(parseResult, cancel.Token)));
        });

    public static int Run(CliContext context, Func<int> work)
    {
        try
        {
            return work();
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("error: cancelled; files already written are complete.");
            return Cancelled;
        }
        catch (Exception ex)
        {
            context.Error.WriteLine($"error: {OneLine(ex)}");
            return Failure;
        }
    }

    private static string OneLine(Exception ex)
    {
        // libtorch appends its C++ stack to the message: keep the sentence before it.
        string message = ex.Message.Split("Exception raised from", 2)[0].ReplaceLineEndings(" ").Trim();
        if (ex is ArgumentException argument)
        {
            return OptionFlags.Describe(argument, message);
        }

        return ex is IOException or InvalidDataException or UnauthorizedAccessException or FormatException or NotSupportedException
            or MLNet.Stripformer.Imaging.ImageLoadException or InvalidOperationException or DirectoryNotFoundException or FileNotFoundException
            ? message
            : $"{ex.GetType().Name}: {message}";
    }
}
