using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Onnx;
using Onnx;

namespace MLNet.Stripformer.Quantization;

/// <summary>
/// Measures the range of each activation a <see cref="QuantizationPlan"/> quantizes: runs the float model in ONNX
/// Runtime on the calibration images with those activations added as graph outputs, and keeps each one's smallest
/// and largest value (min/max calibration).
/// </summary>
internal static class ActivationCalibration
{
    /// <summary>The ranges, by value name, and the number of images they were measured on.</summary>
    /// <param name="model">The float model (not changed).</param>
    /// <param name="plan">What is quantized.</param>
    /// <param name="images">The calibration images, each run whole (sides multiples of 4).</param>
    /// <param name="intraOpThreads">ONNX Runtime's thread count.</param>
    /// <param name="progress">Told the number of images done.</param>
    /// <param name="cancellationToken">Checked between images.</param>
    /// <exception cref="InvalidDataException">No image was given, or an activation was not finite.</exception>
    /// <exception cref="ArgumentException">An image's sides are not multiples of 4 (the message gives its number).</exception>
    public static (Dictionary<string, ValueRange> Ranges, int Images) Measure(
        ModelProto model, QuantizationPlan plan, IEnumerable<RgbImage> images, int intraOpThreads, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var probe = model.Clone();
        var declared = probe.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var names = plan.Calibrated.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        foreach (string name in names.Where(n => !declared.Contains(n)))
        {
            probe.Graph.Output.Add(OnnxGraphBuilder.ValueInfo(name, OnnxElementType.Float, dims: null));
        }

        using var options = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
        using var session = new InferenceSession(probe.ToByteArray(), options);
        using var run = new RunOptions();
        string input = session.InputMetadata.Keys.Single();
        var ranges = new Dictionary<string, ValueRange>(StringComparer.Ordinal);
        int done = 0;
        foreach (var image in images)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (image.Width % 4 != 0 || image.Height % 4 != 0)
            {
                throw new ArgumentException($"Calibration image {done + 1} is {image.Width}x{image.Height}; its sides must be multiples of 4.", nameof(images));
            }

            using var tensor = OrtValue.CreateTensorValueFromMemory(image.Pixels, [1, RgbImage.Channels, image.Height, image.Width]);
            using var outputs = session.Run(run, [input], [tensor], names);
            for (int i = 0; i < names.Length; i++)
            {
                var range = ValueRange.Of(outputs[i].GetTensorDataAsSpan<float>(), names[i]);
                ranges[names[i]] = ranges.TryGetValue(names[i], out var seen) ? seen.Union(range) : range;
            }

            done++;
            progress?.Report(done);
        }

        return done > 0 ? (ranges, done) : throw new InvalidDataException("Calibration needs at least one image; none was given.");
    }
}
