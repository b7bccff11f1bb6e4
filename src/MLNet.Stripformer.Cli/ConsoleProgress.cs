using Spectre.Console;

namespace MLNet.Stripformer.Cli;

/// <summary>A Spectre.Console progress bar around a loop of work items.</summary>
internal static class ConsoleProgress
{
    public static void Run(IAnsiConsole console, string description, int total, Action<Action> work) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask(description, maxValue: Math.Max(total, 1));
                work(() => task.Increment(1));
            });
}
