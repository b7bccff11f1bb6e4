namespace MLNet.Stripformer.Cli;

/// <summary>An <see cref="IProgress{T}"/> that calls back at once on the reporting thread (unlike
/// <see cref="Progress{T}"/>, which posts to a synchronisation context), advancing a progress bar by one step.</summary>
internal sealed class SynchronousProgress(Action step) : IProgress<long>
{
    public void Report(long value) => step();
}
