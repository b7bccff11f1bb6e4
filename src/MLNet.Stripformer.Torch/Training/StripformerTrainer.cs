using Microsoft.ML;
using Microsoft.ML.Runtime;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Scoring;

namespace MLNet.Stripformer.Torch.Training;

/// <summary>
/// Trains a Stripformer on (blurred, sharp) image pairs with TorchSharp, on CUDA when usable and on the CPU otherwise.
/// Create it with <c>mlContext.Deblurring().Trainers.Stripformer(options)</c>; <see cref="Fit"/> trains and returns a
/// transformer that deblurs with the trained network.
/// </summary>
public sealed class StripformerTrainer : IEstimator<StripformerDeblurTransformer>
{
    private readonly MLContext _context;

    internal StripformerTrainer(MLContext context, StripformerTrainerOptions options)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
    }

    /// <summary>The options.</summary>
    public StripformerTrainerOptions Options { get; }

    /// <summary>Name of the deblurred column the returned transformer adds.</summary>
    public string OutputColumnName { get; init; } = "Deblurred";

    /// <summary>Tiling of the returned transformer.</summary>
    public TilingOptions Tiling { get; init; } = new();

    /// <summary>Trains. Reads the training data once per epoch (decoding, cropping and augmenting on a background
    /// thread) and the validation data once per epoch.</summary>
    /// <param name="input">Training pairs.</param>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type, an image is smaller than the
    /// crop, or an option is invalid; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled (after saving <c>last.ckpt</c>).</exception>
    public StripformerDeblurTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Options.Validate();
        PairReader.RequireColumns(input.Schema, Options.BlurredColumnName, Options.SharpColumnName);
        if (Options.ValidationData is { } validation)
        {
            PairReader.RequireColumns(validation.Schema, Options.BlurredColumnName, Options.SharpColumnName);
        }

        int seed = Options.Seed ?? ((IHostEnvironment)_context).Register(nameof(StripformerTrainer)).Rand.Next();
        var device = DeviceSelector.Resolve(Options.Device, context: _context);
        using var session = new TrainingSession(Options, seed, device, Log, CatalogContext.CancelFlag(CatalogContext.Of(_context.Transforms)));
        var result = session.Run(input);
        var deblurrer = new TorchDeblurrer(session.DetachNetwork(), device, Tiling);
        return new StripformerDeblurTransformer(_context, deblurrer, Options.BlurredColumnName, OutputColumnName, result);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var column = inputSchema.FirstOrDefault(c => c.Name == Options.BlurredColumnName);
        if (column.Name is null || column.Kind == SchemaShape.Column.VectorKind.Scalar || column.ItemType.RawType != typeof(float))
        {
            throw new ArgumentException($"The blurred image column '{Options.BlurredColumnName}' is missing or is not a vector of Single.");
        }

        var transformer = _context.Transforms.CopyColumns(OutputColumnName, Options.BlurredColumnName);
        return transformer.GetOutputSchema(inputSchema);
    }

    private void Log(string message) => TrainerLog.Write(_context, message);
}
