using System.Text.Json;
using MLNet.Stripformer.Cli.Tests.Support;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Cli.Tests.Commands;

public sealed class EvalCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private (string Reference, string Candidate) TwoDirectories()
    {
        string reference = Path.Combine(Dir, "ref"), candidate = Path.Combine(Dir, "cand");
        Directory.CreateDirectory(reference);
        Directory.CreateDirectory(candidate);
        File.Copy(Path.Combine(TestPaths.References, "crop0.png"), Path.Combine(reference, "crop0.png"));
        File.Copy(Path.Combine(TestPaths.References, "crop0_noisy.png"), Path.Combine(candidate, "crop0.png"));
        File.Copy(Path.Combine(TestPaths.References, "crop1.png"), Path.Combine(reference, "crop1.png"));
        File.Copy(Path.Combine(TestPaths.References, "crop1.png"), Path.Combine(candidate, "crop1.png"));
        return (reference, candidate);
    }

    [Fact]
    public void Prints_a_table_and_writes_json_with_means_and_per_image_values()
    {
        var (reference, candidate) = TwoDirectories();
        string json = Path.Combine(Dir, "metrics.json");
        var run = CliRun.Of("eval", "--reference", reference, "--candidate", candidate, "--json", json);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("crop0.png", run.Output, StringComparison.Ordinal);
        Assert.Contains("inf", run.Output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Equal("Infinity", root.GetProperty("meanPsnr").GetString());
        var images = root.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(2, images.Count);
        double noisyPsnr = images[0].GetProperty("psnr").GetDouble();
        Assert.InRange(noisyPsnr, 20, 35);
        Assert.Equal(1.0, images[1].GetProperty("ssim").GetDouble(), 12);
        Assert.True(root.TryGetProperty("meanSsim", out _));
    }

    [Fact]
    public void A_missing_candidate_is_named()
    {
        var (reference, candidate) = TwoDirectories();
        File.Delete(Path.Combine(candidate, "crop1.png"));
        var run = CliRun.Of("eval", "--reference", reference, "--candidate", candidate);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("crop1", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_sizes_name_both_images()
    {
        string reference = Path.Combine(Dir, "r"), candidate = Path.Combine(Dir, "c");
        Directory.CreateDirectory(reference);
        Directory.CreateDirectory(candidate);
        File.Copy(Path.Combine(TestPaths.References, "crop1.png"), Path.Combine(reference, "x.png"));
        File.Copy(Path.Combine(TestPaths.References, "crop2.png"), Path.Combine(candidate, "x.png"));
        var run = CliRun.Of("eval", "-r", reference, "-c", candidate);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("label 'Reference' at row 0 ('x.png') is 160x120", run.Error, StringComparison.Ordinal);
        Assert.Contains("score 'Candidate' at row 0 ('x.png') is 128x96", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_candidate_is_a_one_line_error_naming_the_file()
    {
        var (reference, candidate) = TwoDirectories();
        File.WriteAllBytes(Path.Combine(candidate, "crop1.png"), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        var run = CliRun.Of("eval", "--reference", reference, "--candidate", candidate);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("crop1.png", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }
}
