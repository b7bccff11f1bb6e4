using Microsoft.ML;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Persistence;

namespace MLNet.Stripformer.Scoring;

/// <summary>Adds a deblurred image column, in the input's layout (see <see cref="DeblurEstimator"/>).</summary>
public sealed class DeblurTransformer : DelegatingTransformer
{
    private readonly WrappedModelFile _model;

    internal DeblurTransformer(ITransformer inner, string inputColumnName, string outputColumnName, string provider, WrappedModelFile model, ImageColumnLayout layout)
        : base(inner)
    {
        _model = model;
        Layout = layout;
        InputColumnName = inputColumnName;
        OutputColumnName = outputColumnName;
        Provider = provider;
    }

    /// <summary>The blurred image column.</summary>
    public string InputColumnName { get; }

    /// <summary>The deblurred image column.</summary>
    public string OutputColumnName { get; }

    /// <summary>The layout of the input and output columns (ML.NET images in, ML.NET images out; packed in, packed out).</summary>
    public ImageColumnLayout Layout { get; }

    /// <summary>Which ONNX Runtime execution provider was chosen at fit time (one line, e.g. for a log).</summary>
    public string Provider { get; }

    /// <summary>ML.NET's ONNX transform copies the model file into the zip: make sure it is still there.</summary>
    private protected override void BeforeSave() => _model.EnsureExists();

    /// <inheritdoc/>
    private protected override void ValidateInput(DataViewSchema inputSchema)
    {
        var layout = ImageColumnLayouts.Of(inputSchema, InputColumnName, "input");
        if (layout != Layout)
        {
            throw new ArgumentException($"The input image column '{InputColumnName}' holds {layout} images; this Deblur was fitted on {Layout} images.");
        }
    }
}
