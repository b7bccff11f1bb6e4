using Spectre.Console;

namespace MLNet.Stripformer.Cli;

/// <summary>A Spectre.Console progress bar around a loop of work items.</summary>
internal static class ConsoleProgress
{
    /// <summary>A bar of <paramref name="total"/> items; <paramref name="work"/> is given the action that moves it one item.</summary>
    public static void Run(IAnsiConsole console, string description, int total, Action<Action> work) =>
        Start(console, description, total, task => work(() => task.Increment(1)));

    /// <summary>The same bar, moved by fractions of an item (a tile of an image).</summary>
    public static void RunFractional(IAnsiConsole console, string description, int total, Action<Action<double>> work) =>
        Start(console, description, total, task => work(task.Increment));

    private static void Start(IAnsiConsole console, string description, int total, Action<ProgressTask> work) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(progress => work(progress.AddTask(description, maxValue: Math.Max(total, 1))));
}
