using System.Globalization;
using Google.Protobuf;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Onnx;
using MLNet.Stripformer.Scoring;
using Onnx;

namespace MLNet.Stripformer.Quantization;

/// <summary>
/// Static int8 quantization of an image-to-image ONNX model for ONNX Runtime's CPU (QDQ form): convolutions and
/// constant-weight matrix products get int8 weights per output channel and uint8 activations whose ranges are
/// measured on calibration photos; the rest stays float (see <see cref="QuantizationPlan"/>). The result is an
/// ordinary ONNX model: <c>Deblur</c>, <see cref="ImageDeblurrer"/> and <c>stripformer deblur --model</c> run it.
/// </summary>
public static class ModelQuantizer
{
    /// <summary>The metadata key that records how a model was quantized.</summary>
    public const string MetadataKey = "stripformer.quantization";

    /// <summary>Quantizes a model file with the photos of a directory and writes the int8 model (atomically).</summary>
    /// <param name="modelPath">The float32 ONNX model.</param>
    /// <param name="calibrationDirectory">Photos like those the model will deblur; the first
    /// <see cref="QuantizationOptions.CalibrationImages"/> in name order are used.</param>
    /// <param name="outputPath">The int8 model to write.</param>
    /// <param name="options">Calibration and weight options; null for the defaults.</param>
    /// <param name="progress">Told the number of calibration images run.</param>
    /// <param name="cancellationToken">Checked between images; nothing is written when cancelled.</param>
    /// <exception cref="FileNotFoundException">The model does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">The calibration directory does not exist.</exception>
    /// <exception cref="InvalidDataException">The model is not a float image-to-image model, or the directory holds
    /// no image; the message names the file or directory.</exception>
    /// <exception cref="ImageLoadException">A calibration photo cannot be read; the message names it.</exception>
    public static QuantizationSummary Quantize(
        string modelPath, string calibrationDirectory, string outputPath, QuantizationOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentException.ThrowIfNullOrEmpty(calibrationDirectory);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        options ??= new QuantizationOptions();
        options.Validate();
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"The ONNX model '{modelPath}' does not exist.", modelPath);
        }

        var files = ImageFiles.InDirectory(calibrationDirectory).Order(StringComparer.Ordinal).Take(options.CalibrationImages).ToList();
        if (files.Count == 0)
        {
            throw new InvalidDataException($"The calibration directory '{calibrationDirectory}' holds no image ({string.Join(", ", ImageFiles.Extensions.Order())}).");
        }

        var images = files.Select(f => CalibrationCrop(ImageDecoder.Decode(f), options.CalibrationSize));
        byte[] source = File.ReadAllBytes(modelPath);
        byte[] quantized = Quantize(source, images, options, progress, cancellationToken, modelPath, out var plan);
        AtomicFile.Write(outputPath, stream => stream.Write(quantized));
        return new QuantizationSummary(plan.Convolutions.Count, plan.MatMuls.Count, files.Count, source.Length, quantized.Length);
    }

    /// <summary>Quantizes a model held in memory with the given calibration images.</summary>
    /// <param name="model">The float32 ONNX model's bytes.</param>
    /// <param name="calibrationImages">Images the network runs on whole to measure activation ranges (sides
    /// multiples of 4; a few hundred pixels is enough).</param>
    /// <param name="options">Weight options; null for the defaults (the calibration count and size are the
    /// caller's here).</param>
    /// <param name="progress">Told the number of calibration images run.</param>
    /// <param name="cancellationToken">Checked between images.</param>
    /// <returns>The int8 model's bytes.</returns>
    /// <exception cref="InvalidDataException">The model is not a float image-to-image model, is already quantized, or
    /// no image was given.</exception>
    public static byte[] Quantize(
        byte[] model, IEnumerable<RgbImage> calibrationImages, QuantizationOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(calibrationImages);
        options ??= new QuantizationOptions();
        options.Validate();
        return Quantize(model, calibrationImages, options, progress, cancellationToken, "the model", out _);
    }

    private static byte[] Quantize(
        byte[] model, IEnumerable<RgbImage> images, QuantizationOptions options, IProgress<int>? progress, CancellationToken cancellationToken, string source, out QuantizationPlan plan)
    {
        var reader = OnnxModelReader.Read(model, source); // parsed from the caller's bytes: ours to rewrite
        ImageModelSignature.Check(reader.Inputs, reader.Outputs, source);
        var proto = reader.Model;
        plan = QuantizationPlan.For(proto.Graph, options, source);
        var (ranges, count) = ActivationCalibration.Measure(proto, plan, images, options.IntraOpThreads ?? Environment.ProcessorCount, progress, cancellationToken);
        QdqRewriter.Apply(proto.Graph, plan, ranges, options.WeightBits);
        proto.MetadataProps.Add(new StringStringEntryProto
        {
            Key = MetadataKey,
            Value = string.Create(
                CultureInfo.InvariantCulture,
                $"int8 QDQ: {plan.Convolutions.Count} Conv (int8 in and out), {plan.MatMuls.Count} MatMul (int8 in, float out); weights symmetric per channel, {options.WeightBits} bits; activations uint8, min/max of {count} calibration image(s)"),
        });
        return proto.ToByteArray();
    }

    /// <summary>The centred square of <paramref name="size"/> pixels, cut to the 4-pixel grid for smaller photos.</summary>
    private static RgbImage CalibrationCrop(RgbImage image, int size)
    {
        int width = Math.Min(size, image.Width) / 4 * 4, height = Math.Min(size, image.Height) / 4 * 4;
        return width < 4 || height < 4 ? image : ImageCrop.Centre(image, width, height);
    }
}
