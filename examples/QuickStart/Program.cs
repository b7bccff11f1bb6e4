// Quick start: deblur photos in an ordinary ML.NET pipeline with the model shipped inside MLNet.Stripformer, and
// measure what it gains. Run from the repository root:  dotnet run --project examples/QuickStart [PHOTO ...]
using Microsoft.ML;
using MLNet.Stripformer;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;

string[] photos = args.Length > 0
    ? args
    : [Path.Combine("samples", "photos", "python3-skimage__grass.png"), Path.Combine("samples", "photos", "scribus-template__menu2_pizza.jpg")];
var ml = new MLContext(seed: 1);
IDataView sharp = ml.Data.LoadImages(photos, new ImageLoadOptions { ImageColumnName = "Sharp" });

// Blur each photo as a soft lens would (OpenCV's Gaussian, 11x11, sigma 1.6), then deblur it. Deblur with no model
// argument uses the default model; pass a path or a stream to use your own export.
var pipeline = ml.Transforms.SynthesizeBlur("Blurred", "Sharp", [BlurKernel.Gaussian(11, 1.6)])
    .Append(ml.Transforms.Deblur("Deblurred", "Blurred"));
IDataView scored = pipeline.Fit(sharp).Transform(sharp);

DeblurringMetrics before = ml.Deblurring().Evaluate(scored, labelColumnName: "Sharp", scoreColumnName: "Blurred");
DeblurringMetrics after = ml.Deblurring().Evaluate(scored, labelColumnName: "Sharp", scoreColumnName: "Deblurred");
foreach (var (b, a) in before.PerImage.Zip(after.PerImage))
{
    Console.WriteLine($"{Path.GetFileName(b.Path),-40} blurred {b.Psnr,6:F2} dB  ->  deblurred {a.Psnr,6:F2} dB   (SSIM {b.Ssim:F4} -> {a.Ssim:F4})");
}

Console.WriteLine($"mean PSNR {before.MeanPsnr:F2} dB -> {after.MeanPsnr:F2} dB");
var written = ml.Data.SaveImages(scored, "Deblurred", Path.Combine("out", "quickstart"));
Console.WriteLine($"wrote {written.Count} deblurred PNGs to {Path.Combine("out", "quickstart")}");
return 0;
