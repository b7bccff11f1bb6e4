using MLNet.Stripformer.Cli.Tests.Support;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Cli.Tests.Commands;

/// <summary>Issue 20.1: <c>deblur</c> over a directory tree, from a list, without the images already done, with
/// decoding, scoring and encoding overlapped, and a rerun after a kill that finishes the rest.</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class BatchDeblurTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Small images under <c>input/</c>: names relative to it.</summary>
    private string Tree(params string[] names)
    {
        string root = Path.Combine(_temp.Path, "input");
        for (int i = 0; i < names.Length; i++)
        {
            string file = Path.Combine(root, names[i]);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            ImageEncoder.Save(TestImages.Noise(40 + i, 28, i + 1), file);
        }

        return root;
    }

    private static string[] Outputs(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void A_recursive_run_mirrors_the_tree_and_a_rerun_skips_what_exists_and_clears_a_killed_runs_temporaries()
    {
        string input = Tree("a/x.png", "a/b/y.png", "z.png");
        string output = Path.Combine(_temp.Path, "out");

        var first = CliRun.Of("deblur", input, output, "--recursive", "--device", "cpu");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(["a/b/y.png", "a/x.png", "z.png"], Outputs(output));

        // One output lost, and the temporary a killed process left beside it (its pid no longer runs).
        var kept = File.GetLastWriteTimeUtc(Path.Combine(output, "a", "x.png"));
        File.Delete(Path.Combine(output, "z.png"));
        File.WriteAllBytes(Path.Combine(output, ".z.png.2147483646.0123456789abcdef0123456789abcdef.tmp"), [1, 2, 3]);

        var rerun = CliRun.Of("deblur", input, output, "--recursive", "--skip-existing", "--device", "cpu");
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Contains("Skipping 2 image(s) whose output exists.", rerun.Error, StringComparison.Ordinal);
        Assert.Contains("Wrote 1 deblurred image(s).", rerun.Output, StringComparison.Ordinal);
        Assert.Equal(["a/b/y.png", "a/x.png", "z.png"], Outputs(output));
        Assert.Equal(kept, File.GetLastWriteTimeUtc(Path.Combine(output, "a", "x.png")));

        var nothing = CliRun.Of("deblur", input, output, "--recursive", "--skip-existing");
        Assert.True(nothing.ExitCode == 0, nothing.Error);
        Assert.Contains("Nothing to do", nothing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pipeline_writes_what_one_image_at_a_time_writes()
    {
        string input = Tree("p.png", "q.png", "r.png", "s.png", "t.png");
        string batch = Path.Combine(_temp.Path, "batch");
        var run = CliRun.Of("deblur", input, batch, "--device", "cpu");
        Assert.True(run.ExitCode == 0, run.Error);

        foreach (string name in new[] { "p", "t" })
        {
            string single = Path.Combine(_temp.Path, name + "-single.png");
            var one = CliRun.Of("deblur", Path.Combine(input, name + ".png"), single, "--device", "cpu");
            Assert.True(one.ExitCode == 0, one.Error);
            Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(Path.Combine(batch, name + ".png")));
        }
    }

    [Fact]
    public void A_file_list_selects_images_and_a_line_outside_the_input_or_missing_is_refused_by_number()
    {
        string input = Tree("a/x.png", "a/b/y.png", "z.png");
        string list = Path.Combine(_temp.Path, "list.txt");
        File.WriteAllLines(list, ["# two of three", "a/b/y.png", string.Empty, "z.png"]);
        string output = Path.Combine(_temp.Path, "out");

        var run = CliRun.Of("deblur", input, output, "--files-from", list, "--device", "cpu");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["a/b/y.png", "z.png"], Outputs(output));

        File.WriteAllLines(list, ["z.png", "../secret.png"]);
        var outside = CliRun.Of("deblur", input, output, "--files-from", list);
        Assert.NotEqual(0, outside.ExitCode);
        Assert.Contains("line 2: '../secret.png' is not inside the input directory", outside.Error, StringComparison.Ordinal);

        File.WriteAllLines(list, ["gone.png"]);
        var missing = CliRun.Of("deblur", input, output, "--files-from", list);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("line 1: 'gone.png' does not exist", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_killed_mid_way_and_run_again_leaves_every_output_once_whole_and_no_temporary()
    {
        string[] names = [.. Enumerable.Range(0, 48).Select(i => $"d{i % 3}/img{i:D2}.png")];
        string input = Tree(names);
        string output = Path.Combine(_temp.Path, "out");

        var running = CliProcess.Start("deblur", input, output, "--recursive", "--device", "cpu", "--threads", "1");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && (!Directory.Exists(output) || Directory.GetFiles(output, "*.png", SearchOption.AllDirectories).Length < 3))
        {
            Thread.Sleep(20);
        }

        running.Signal("KILL");
        running.Finish();
        int before = Directory.GetFiles(output, "*.png", SearchOption.AllDirectories).Length;
        Assert.InRange(before, 3, names.Length - 1); // killed mid-way

        var rerun = CliRun.Of("deblur", input, output, "--recursive", "--skip-existing", "--device", "cpu");
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Equal(names.Select(n => n.Replace('/', Path.DirectorySeparatorChar)).Order(StringComparer.Ordinal), Outputs(output));
        foreach (string name in names)
        {
            var image = ImageDecoder.Decode(Path.Combine(output, name)); // every output decodes whole
            Assert.Equal(28, image.Height);
        }
    }
}
