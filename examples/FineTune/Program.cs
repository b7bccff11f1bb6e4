// Fine-tune the shipped model on your own photos for a few steps, export the result to ONNX and deblur with it.
// Run from the repository root:  dotnet run --project examples/FineTune [PHOTO_DIR] [OUTPUT.onnx]
// Real fine-tuning wants hundreds of steps or more (see models/MODEL_CARD.md); this one takes a few, to show the calls.
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Training;

string photos = args.Length > 0 ? args[0] : Path.Combine("samples", "photos");
string onnx = args.Length > 1 ? args[1] : Path.Combine("out", "finetuned.onnx");
var ml = new MLContext(seed: 1);

// (blurred, sharp) pairs: every photo with each of the report's Gaussian kernels.
IDataView pairs = ml.Deblurring().MakeBlurPairs(ml.Data.LoadImagesFromDirectory(photos), BlurKernels.ReportGaussians);

var options = new StripformerTrainerOptions
{
    InitialWeights = Path.Combine("models", "stripformer-seed-gaussian.ckpt"), // the shipped model's weights
    Config = StripformerConfig.Seed,
    Output = StripformerOutput.Residual,                                         // as the shipped model was trained
    CropSize = 64,
    BatchSize = 4,
    CropsPerImage = 1,
    Epochs = 1,
    LearningRate = 1e-5,
    PsnrWeight = 1,                                                              // the shipped model's last loss:
    CharbonnierWeight = 0,                                                       // per-crop PSNR only
    EdgeWeight = 0,
    ContrastiveWeight = 0,
    Progress = new StepPrinter(),
};
using var trained = ml.Deblurring().Trainers.Stripformer(options).Fit(pairs);
trained.ExportToOnnx(onnx);
Console.WriteLine($"exported {onnx} ({new FileInfo(onnx).Length / 1e6:F1} MB)");

// Score the export through the ONNX Runtime transform, as any app would.
IDataView sharp = ml.Data.LoadImages([ImageFiles.InDirectory(photos)[0]], new ImageLoadOptions { ImageColumnName = "Sharp" });
var pipeline = ml.Transforms.SynthesizeBlur("Blurred", "Sharp", [BlurKernel.Gaussian(11, 1.6)])
    .Append(ml.Transforms.Deblur("Deblurred", "Blurred", onnx));
IDataView scored = pipeline.Fit(sharp).Transform(sharp);
double before = ml.Deblurring().Evaluate(scored, "Sharp", "Blurred").MeanPsnr;
double after = ml.Deblurring().Evaluate(scored, "Sharp", "Deblurred").MeanPsnr;
Console.WriteLine($"the fine-tuned export on {sharp.GetColumn<string>("Path").Single()}: blurred {before:F2} dB -> deblurred {after:F2} dB");
return 0;

/// <summary>Prints each training step as it happens.</summary>
internal sealed class StepPrinter : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) =>
        Console.WriteLine($"epoch {value.Epoch} step {value.Step}: loss {value.Loss:F5}{(value.EpochCompleted ? " (epoch done)" : string.Empty)}");
}
