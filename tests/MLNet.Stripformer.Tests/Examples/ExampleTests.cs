using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Examples;

public class ExampleTests
{
    [Fact]
    public async Task Blur_and_evaluate_example_runs_on_the_bundled_samples()
    {
        using var directory = new TempDirectory();
        string output = await ExampleProcess.RunAsync("BlurAndEvaluate", TestPaths.RepositoryRoot, Path.Combine(TestPaths.Samples, "photos"), directory.Path);
        Assert.Contains("mean PSNR", output, StringComparison.Ordinal);
        Assert.Contains("identical pixels: True", output, StringComparison.Ordinal);
        Assert.True(File.Exists(directory.File("blur-pipeline.zip")), output);
    }

    [Fact]
    public async Task Quick_start_example_deblurs_two_samples_with_the_default_model_and_writes_them()
    {
        using var directory = new TempDirectory();
        string output = await ExampleProcess.RunAsync(
            "QuickStart", directory.Path, Path.Combine(TestPaths.Samples, "photos", "python3-skimage__grass.png"), Path.Combine(TestPaths.Samples, "photos", "scribus-template__menu2_pizza.jpg"));

        Assert.Contains("mean PSNR", output, StringComparison.Ordinal);
        Assert.True(File.Exists(directory.File(Path.Combine("out", "quickstart", "python3-skimage__grass.png"))), output);
        Assert.True(File.Exists(directory.File(Path.Combine("out", "quickstart", "scribus-template__menu2_pizza.png"))), output);
    }

    [Fact]
    public async Task Save_and_load_example_gives_the_same_pixels_in_a_second_process()
    {
        using var directory = new TempDirectory();
        string folder = Path.Combine(directory.Path, "nested", "save-and-load");
        string saved = await ExampleProcess.RunAsync("SaveAndLoad", TestPaths.RepositoryRoot, "save", folder);
        Assert.True(File.Exists(Path.Combine(folder, "deblur.zip")) && File.Exists(Path.Combine(folder, "pixels.bin")), saved);

        string loaded = await ExampleProcess.RunAsync("SaveAndLoad", TestPaths.RepositoryRoot, "load", folder);
        Assert.Contains("same pixels as the saving app: True", loaded, StringComparison.Ordinal);
    }
}
