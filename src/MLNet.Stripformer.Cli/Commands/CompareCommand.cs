using System.CommandLine;
using System.Globalization;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using Spectre.Console;

namespace MLNet.Stripformer.Cli.Commands;

/// <summary>
/// <c>stripformer compare --sharp DIR --blurred DIR --deblurred DIR --output DIR</c>: one side-by-side PNG per photo,
/// sharp | blurred | deblurred, each captioned with its PSNR against the sharp photo (the report's Figure 5).
/// Images are paired by base name; files work as well as directories.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CliContext context)
    {
        var sharp = new Option<string>("--sharp") { Description = "The sharp image or directory.", Required = true };
        var blurred = new Option<string>("--blurred") { Description = "The blurred image or directory.", Required = true };
        var deblurred = new Option<string>("--deblurred") { Description = "The deblurred image or directory.", Required = true };
        var output = new Option<string>("--output") { Description = "Directory for the comparison PNGs.", Required = true };
        var command = new Command("compare", "Write sharp | blurred | deblurred comparison images with PSNR captions.") { sharp, blurred, deblurred, output };
        CommandRunner.SetAction(command, context, (r, cancellationToken) =>
        {
            var blurredPairs = ImagePairing.Pair(r.GetValue(sharp)!, r.GetValue(blurred)!);
            var deblurredPairs = ImagePairing.Pair(r.GetValue(sharp)!, r.GetValue(deblurred)!).ToDictionary(p => p.Reference, p => p.Candidate, StringComparer.Ordinal);
            string directory = r.GetValue(output)!;
            foreach (var (sharpFile, blurredFile) in blurredPairs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var reference = ImageDecoder.Decode(sharpFile);
                var blurredImage = ImageDecoder.Decode(blurredFile);
                var deblurredImage = ImageDecoder.Decode(deblurredPairs[sharpFile]);
                string Caption(string name, RgbImage image) =>
                    string.Create(CultureInfo.InvariantCulture, $"{name} {Psnr.Compute(reference, image):F2} DB");
                var comparison = ComparisonImage.Compose([(reference, "SHARP"), (blurredImage, Caption("BLURRED", blurredImage)), (deblurredImage, Caption("DEBLURRED", deblurredImage))]);
                ImageEncoder.Save(comparison, Path.Combine(directory, Path.GetFileNameWithoutExtension(sharpFile) + "__compare.png"));
            }

            context.Console.WriteLine($"Wrote {blurredPairs.Count} comparison image(s) to {directory}.");
            return 0;
        });
        return command;
    }
}
