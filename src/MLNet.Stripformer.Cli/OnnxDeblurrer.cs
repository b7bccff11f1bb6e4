using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;

namespace MLNet.Stripformer.Cli;

/// <summary>Deblurs one image at a time through the library's ML.NET <c>Deblur</c> transform (ONNX Runtime), the
/// same path an application takes.</summary>
internal sealed class OnnxDeblurrer : IDisposable
{
    private readonly PredictionEngine<Input, Output> _engine;

    public OnnxDeblurrer(OnnxModelChoice model, DeblurOptions options)
    {
        var context = new MLContext();
        var schemaOnly = context.Data.LoadFromEnumerable(Array.Empty<Input>());
        var transformer = model.Deblur(context.Transforms, nameof(Output.Deblurred), nameof(Input.Image), options).Fit(schemaOnly);
        Provider = transformer.Provider;
        _engine = context.Model.CreatePredictionEngine<Input, Output>(transformer);
    }

    /// <summary>One line: which ONNX Runtime provider runs.</summary>
    public string Provider { get; }

    public RgbImage Deblur(RgbImage image, string source) =>
        PackedImage.Unpack(_engine.Predict(new Input { Image = PackedImage.Pack(image) }).Deblurred, source);

    public void Dispose() => _engine.Dispose();

    private sealed class Input
    {
        [VectorType]
        public float[] Image { get; set; } = [];
    }

    private sealed class Output
    {
        [VectorType]
        public float[] Deblurred { get; set; } = [];
    }
}
