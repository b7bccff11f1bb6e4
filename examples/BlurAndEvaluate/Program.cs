// Blur synthesis and evaluation inside an ordinary ML.NET pipeline, saved and loaded back.
// Run from the repository root:  dotnet run --project examples/BlurAndEvaluate [PHOTO_DIR] [OUTPUT_DIR]
// (the saved pipeline goes to OUTPUT_DIR, created if missing, or to a fresh temporary folder that it names)
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;

string photos = args.Length > 0 ? args[0] : Path.Combine("samples", "photos");
var ml = new MLContext(seed: 1);

// Path + packed image columns, decoded lazily with size limits; bad files are skipped and reported.
var load = new ImageLoadOptions { ImageColumnName = "Sharp", BadFiles = BadFilePolicy.Skip };
IDataView data = ml.Data.LoadImagesFromDirectory(photos, load);

// Each photo gets one of the report's Gaussian kernels (OpenCV-exact), chosen reproducibly from the seed,
// then per-row PSNR/SSIM columns compare the blurred image with the sharp one.
var pipeline = ml.Transforms.SynthesizeBlur("Blurred", "Sharp", BlurKernels.ReportGaussians)
    .Append(ml.Transforms.ImageQuality(labelColumnName: "Sharp", scoreColumnName: "Blurred"));
var model = pipeline.Fit(data);
IDataView scored = model.Transform(data);

foreach (var (path, psnr, ssim) in scored.GetColumn<string>("Path").Zip(scored.GetColumn<double>("Psnr"), scored.GetColumn<double>("Ssim")))
{
    Console.WriteLine($"{Path.GetFileName(path),-45} PSNR {psnr,7:F2} dB   SSIM {ssim:F4}");
}

DeblurringMetrics metrics = ml.Deblurring().Evaluate(scored, labelColumnName: "Sharp", scoreColumnName: "Blurred");
Console.WriteLine($"mean PSNR {metrics.MeanPsnr:F2} dB, mean SSIM {metrics.MeanSsim:F4} over {metrics.PerImage.Count} photos");
foreach (var skipped in load.Report.Skipped)
{
    Console.WriteLine($"skipped {skipped.FilePath}: {skipped.Reason}");
}

// The whole pipeline saves to one zip and loads back (in this or any other process) with identical output.
string outputDirectory = args.Length > 1 ? Directory.CreateDirectory(args[1]).FullName : Directory.CreateTempSubdirectory("stripformer-blur-").FullName;
string zip = Path.Combine(outputDirectory, "blur-pipeline.zip");
ml.Model.Save(model, data.Schema, zip);
var fresh = new MLContext().RegisterStripformerComponents();
ITransformer loaded = fresh.Model.Load(zip, out _);
bool same = loaded.Transform(data).GetColumn<float[]>("Blurred").Zip(scored.GetColumn<float[]>("Blurred")).All(p => p.First.SequenceEqual(p.Second));
Console.WriteLine($"saved to {zip}; reloaded model gives identical pixels: {same}");
return same ? 0 : 1;
