using System.CommandLine;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Degradations;
using MLNet.Stripformer.Imaging;
using Spectre.Console;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary><c>stripformer blur INPUT OUTPUT --kernel SPEC</c>: writes blurred copies of images as PNG.</summary>
internal static class BlurCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("INPUT") { Description = "An image file, or a directory whose images are all blurred." };
        var output = new Argument<string>("OUTPUT") { Description = "The output PNG file (one input, one kernel) or directory (written as BASE.png, or BASE__KERNEL.png with several kernels)." };
        var kernel = new Option<string>("--kernel", "-k")
        {
            Description = "gaussian:K:SIGMA | motion:LENGTH:ANGLE | disk:RADIUS | custom:WxH:w1,w2,... | report (the report's three Gaussians); several separated by ';'.",
            Required = true,
        };
        var arithmetic = new Option<BlurArithmetic>("--arithmetic")
        {
            Description = "EightBit: OpenCV-exact 8-bit arithmetic (default); Float: float convolution, no rounding.",
            DefaultValueFactory = _ => BlurArithmetic.EightBit,
        };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Skip files that cannot be loaded (and list them) instead of stopping at the first." };
        var degrade = new Option<string?>("--degrade") { Description = "Then degrade each blurred image, e.g. \"noise:2;jpeg:90\" (as in 'train')." };
        var seed = new Option<int>("--seed") { Description = "Seed of the degradation draws.", DefaultValueFactory = _ => 1 };
        var command = new Command("blur", "Blur images with Gaussian (OpenCV-exact), motion, disk or custom kernels, optionally adding noise and JPEG.") { input, output, kernel, arithmetic, skipBad, degrade, seed };
        CommandRunner.SetAction(command, context, (result, cancellationToken) =>
        {
            var kernels = BlurKernels.ParseList(result.GetValue(kernel)!);
            var degradations = result.GetValue(degrade) is { } spec ? DegradationChain.Parse(spec) : null;
            return Execute(context, result.GetValue(input)!, result.GetValue(output)!, (sharp, k) =>
            {
                var blurred = ImageBlur.Apply(sharp, kernels[k], result.GetValue(arithmetic));
                return degradations is null ? blurred : degradations.Apply(blurred, DegradationChain.SeedFor(PackedImage.Pack(sharp), result.GetValue(seed), k));
            }, kernels, result.GetValue(skipBad), cancellationToken);
        });
        return command;
    }

    private static int Execute(
        CliContext context, string input, string output, Func<RgbImage, int, RgbImage> blur, IReadOnlyList<BlurKernel> kernels, bool skipBad, CancellationToken cancellationToken)
    {
        var suffixes = kernels.Count == 1 ? [string.Empty] : kernels.Select((k, i) => "__" + Slug(k, i)).ToList();
        var plan = ImageJobPlan.Create(input, output, suffixes);
        var skipped = new List<ImageLoadException>();
        int written = 0;
        var byInput = plan.Jobs.GroupBy(j => j.Input).ToList();
        ConsoleProgress.Run(context.Console, "Blurring", byInput.Count, step =>
        {
            foreach (var group in byInput)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RgbImage sharp;
                try
                {
                    sharp = ImageDecoder.Decode(group.Key);
                }
                catch (ImageLoadException ex) when (skipBad)
                {
                    skipped.Add(ex);
                    step();
                    continue;
                }

                foreach (var (job, k) in group.Select((job, k) => (job, k)))
                {
                    ImageEncoder.Save(blur(sharp, k), job.Output);
                    written++;
                }

                step();
            }
        });

        context.Console.MarkupLine($"Wrote {written} blurred image(s) to [bold]{Markup.Escape(output)}[/].");
        foreach (var ex in skipped)
        {
            context.Error.WriteLine($"skipped: {ex.Message}");
        }

        return 0;
    }

    private static string Slug(BlurKernel kernel, int index) =>
        kernel is CustomKernel ? $"custom{index + 1}" : kernel.Spec.Replace(':', '_');
}
