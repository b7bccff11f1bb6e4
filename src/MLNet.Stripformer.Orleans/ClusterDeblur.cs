namespace MLNet.Stripformer.Orleans;

/// <summary>
/// The client side: spreads jobs over the cluster's workers, a few at a time per silo, and retries a job on another
/// worker when its call fails (a silo died, a timeout), waiting longer each time (up to 5 s) so that the cluster can
/// declare a dead silo dead and place the workers elsewhere. Each job ends with exactly one output: workers skip an
/// output that exists and write atomically, so a retried or repeated job never writes twice and a rerun resumes.
/// </summary>
public static class ClusterDeblur
{
    /// <summary>Runs the jobs; returns one outcome per job, in job order.</summary>
    /// <param name="grains">The cluster client's grain factory.</param>
    /// <param name="jobs">The images and their outputs.</param>
    /// <param name="concurrency">Jobs in flight at once (about twice the number of silos keeps each busy).</param>
    /// <param name="progress">Told the number of jobs finished after each one.</param>
    /// <param name="attempts">Calls per job before it is given up (the default, 12, waits about 45 s in all).</param>
    /// <param name="cancellationToken">Stops taking new jobs.</param>
    /// <exception cref="AggregateException">Jobs that failed every attempt; the others are done.</exception>
    public static async Task<IReadOnlyList<DeblurOutcome>> RunAsync(
        IGrainFactory grains, IReadOnlyList<DeblurJob> jobs, int concurrency, IProgress<int>? progress = null, int attempts = 12, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        // Fresh worker keys for each run: activations left from an earlier run would pin its work to the silos they
        // live on, and leave a silo that joined since idle.
        long run = Random.Shared.NextInt64(0, long.MaxValue / 4);
        var outcomes = new DeblurOutcome?[jobs.Count];
        var failures = new List<Exception>();
        int finished = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (index, token) =>
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    // A different worker on each attempt, so a retry does not wait for the same dead activation.
                    var worker = grains.GetGrain<IDeblurWorkerGrain>(run + (index * (long)attempts) + attempt);
                    outcomes[index] = await worker.Deblur(jobs[index]).WaitAsync(token);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    if (attempt + 1 >= attempts)
                    {
                        lock (failures)
                        {
                            failures.Add(new IOException($"{jobs[index].Input}: {FirstLine(e.GetBaseException().Message)}", e));
                        }

                        break;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250 * (1 << Math.Min(attempt, 5)), 5000)), token);
                }
            }

            progress?.Report(Interlocked.Increment(ref finished));
        });

        return failures.Count > 0 ? throw new AggregateException("Some images were not deblurred.", failures) : [.. outcomes.Select(o => o!)];
    }

    /// <summary>A message without the stack trace some Orleans exceptions put in it.</summary>
    private static string FirstLine(string message) => message.Split(["   at ", "\n"], 2, StringSplitOptions.None)[0].Trim();
}
