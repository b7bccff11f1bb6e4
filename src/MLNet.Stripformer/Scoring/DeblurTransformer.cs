using Microsoft.ML;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Persistence;

namespace MLNet.Stripformer.Scoring;

/// <summary>Adds a deblurred packed image column (see <see cref="DeblurEstimator"/>).</summary>
public sealed class DeblurTransformer : DelegatingTransformer
{
    private readonly WrappedModelFile _model;

    internal DeblurTransformer(ITransformer inner, string inputColumnName, string outputColumnName, string provider, WrappedModelFile model)
        : base(inner)
    {
        _model = model;
        InputColumnName = inputColumnName;
        OutputColumnName = outputColumnName;
        Provider = provider;
    }

    /// <summary>The blurred image column.</summary>
    public string InputColumnName { get; }

    /// <summary>The deblurred image column.</summary>
    public string OutputColumnName { get; }

    /// <summary>Which ONNX Runtime execution provider was chosen at fit time (one line, e.g. for a log).</summary>
    public string Provider { get; }

    /// <summary>ML.NET's ONNX transform copies the model file into the zip: make sure it is still there.</summary>
    private protected override void BeforeSave() => _model.EnsureExists();

    /// <inheritdoc/>
    private protected override void ValidateInput(DataViewSchema inputSchema) => ImageColumn.Require(inputSchema, InputColumnName, "input");
}
