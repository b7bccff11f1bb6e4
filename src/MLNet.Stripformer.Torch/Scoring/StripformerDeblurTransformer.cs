using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Torch.Training;

namespace MLNet.Stripformer.Torch.Scoring;

/// <summary>
/// Deblurs an image column with a trained TorchSharp Stripformer, row by row, tiled for large images. This is what
/// <see cref="StripformerTrainer.Fit"/> returns. It scores in-process only: ML.NET cannot save a live TorchSharp
/// network, so <see cref="ICanSaveModel.Save"/> throws; keep the checkpoint the trainer wrote, and for persisted,
/// portable pipelines export the network to ONNX and use the ONNX-scored <c>Deblur</c> transform.
/// </summary>
public sealed class StripformerDeblurTransformer : ITransformer, IDisposable
{
    private readonly ITransformer _mapping;

    internal StripformerDeblurTransformer(MLContext context, TorchDeblurrer deblurrer, string inputColumnName, string outputColumnName, TrainingResult? training)
    {
        Deblurrer = deblurrer;
        InputColumnName = inputColumnName;
        OutputColumnName = outputColumnName;
        Training = training;
        var mapping = context.Transforms.CopyColumns(RowInput.ColumnName, inputColumnName)
            .Append(context.Transforms.CustomMapping<RowInput, RowOutput>((input, output) => output.Deblurred = PackedImage.Pack(deblurrer.Deblur(PackedImage.Unpack(input.Image, $"Column '{inputColumnName}'"))), contractName: null))
            .Append(context.Transforms.CopyColumns(outputColumnName, RowOutput.ColumnName))
            .Append(context.Transforms.DropColumns(RowInput.ColumnName, RowOutput.ColumnName));
        _mapping = mapping.Fit(context.Data.LoadFromEnumerable(Array.Empty<SchemaRow>(), SchemaRow.Definition(inputColumnName)));
    }

    /// <summary>The deblurrer (network, device, tiling).</summary>
    public TorchDeblurrer Deblurrer { get; }

    /// <summary>The blurred image column.</summary>
    public string InputColumnName { get; }

    /// <summary>The deblurred image column added.</summary>
    public string OutputColumnName { get; }

    /// <summary>What training achieved, when this transformer came from <see cref="StripformerTrainer.Fit"/>.</summary>
    public TrainingResult? Training { get; }

    /// <inheritdoc/>
    public bool IsRowToRowMapper => true;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ImageColumn.Require(inputSchema, InputColumnName, "input");
        return _mapping.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ImageColumn.Require(inputSchema, InputColumnName, "input");
        return _mapping.GetRowToRowMapper(inputSchema);
    }

    /// <inheritdoc/>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ImageColumn.Require(input.Schema, InputColumnName, "input");
        return _mapping.Transform(input);
    }

    /// <inheritdoc/>
    void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException(
        "A TorchSharp Stripformer cannot be saved inside an ML.NET model zip: keep the trainer's checkpoint (CheckpointDirectory), " +
        "or export the network to ONNX and use the ONNX-scored Deblur transform in pipelines you save.");

    /// <inheritdoc/>
    public void Dispose() => Deblurrer.Dispose();

    private sealed class RowInput
    {
        public const string ColumnName = "__stripformer_torch_in";

        [ColumnName(ColumnName)]
        public float[] Image { get; set; } = [];
    }

    private sealed class RowOutput
    {
        public const string ColumnName = "__stripformer_torch_out";

        [ColumnName(ColumnName)]
        public float[] Deblurred { get; set; } = [];
    }

    private sealed class SchemaRow
    {
        public float[] Image { get; set; } = [];

        public static SchemaDefinition Definition(string column)
        {
            var definition = SchemaDefinition.Create(typeof(SchemaRow));
            definition[nameof(Image)].ColumnName = column;
            return definition;
        }
    }
}
