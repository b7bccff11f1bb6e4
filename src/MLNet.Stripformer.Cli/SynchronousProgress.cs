namespace MLNet.Stripformer.Cli;

/// <summary>An <see cref="IProgress{T}"/> that calls back at once on the reporting thread (unlike
/// <see cref="Progress{T}"/>, which posts to a synchronisation context), so a progress bar moves with the work.</summary>
/// <typeparam name="T">The report type.</typeparam>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
