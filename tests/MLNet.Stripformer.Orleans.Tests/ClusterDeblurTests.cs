using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Tests.Support;
using Orleans.TestingHost;

namespace MLNet.Stripformer.Orleans.Tests;

/// <summary>Issue 20.2/20.3: deblurring spread over three in-process silos (Orleans' test cluster).</summary>
public sealed class ClusterDeblurTests : IAsyncLifetime
{
    private static readonly DeblurOptions Options = new() { IntraOpThreads = 1 };
    private readonly TempDirectory _temp = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<WorkerSilo>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _temp.Dispose();
    }

    private DeblurJob[] Jobs(int count)
    {
        string input = Path.Combine(_temp.Path, "in"), output = Path.Combine(_temp.Path, "out");
        Directory.CreateDirectory(input);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            string file = Path.Combine(input, $"img{i:D2}.png");
            ImageEncoder.Save(TestImages.Noise(36 + i, 24, i + 1), file);
            return new DeblurJob(file, Path.Combine(output, $"img{i:D2}.png"));
        })];
    }

    private static void AssertEqualsOneMachine(IEnumerable<DeblurJob> jobs)
    {
        using var local = new ImageDeblurrer(Options);
        foreach (var job in jobs)
        {
            using var expected = new MemoryStream();
            ImageEncoder.SavePng(local.Deblur(ImageDecoder.Decode(job.Input)), expected);
            Assert.Equal(expected.ToArray(), File.ReadAllBytes(job.Output));
        }
    }

    [Fact]
    public async Task Every_image_is_written_once_by_the_silos_equal_to_one_machines_result_and_a_rerun_writes_nothing()
    {
        var jobs = Jobs(12);
        var outcomes = await ClusterDeblur.RunAsync(_cluster.GrainFactory, jobs, concurrency: 6);

        Assert.All(outcomes, o => Assert.True(o.Written));
        Assert.True(outcomes.Select(o => o.Silo).Distinct().Count() >= 2, "the work was spread over the silos");
        AssertEqualsOneMachine(jobs);

        var rerun = await ClusterDeblur.RunAsync(_cluster.GrainFactory, jobs, concurrency: 6);
        Assert.All(rerun, o => Assert.False(o.Written));
    }

    [Fact]
    public async Task A_silo_killed_mid_run_loses_no_image_and_leaves_no_partial_file()
    {
        var jobs = Jobs(18);
        int done = 0;
        var killed = new TaskCompletionSource();
        var progress = new InlineProgress(n =>
        {
            done = n;
            if (n == 3)
            {
                killed.TrySetResult();
            }
        });
        var run = ClusterDeblur.RunAsync(_cluster.GrainFactory, jobs, concurrency: 6, progress);
        await killed.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await _cluster.KillSiloAsync(_cluster.SecondarySilos[0]);

        var outcomes = await run;
        Assert.Equal(jobs.Length, outcomes.Count);
        Assert.Equal(jobs.Length, done);
        string[] files = Directory.GetFiles(Path.GetDirectoryName(jobs[0].Output)!);
        Assert.Equal(jobs.Select(j => j.Output).Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal)); // no temporaries
        AssertEqualsOneMachine(jobs);
    }

    private sealed class WorkerSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddStripformerWorker(options: Options);
    }

    private sealed class InlineProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
