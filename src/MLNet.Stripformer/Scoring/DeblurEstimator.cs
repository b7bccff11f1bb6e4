using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Transforms.Onnx;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Persistence;

namespace MLNet.Stripformer.Scoring;

/// <summary>
/// Deblurs a packed image column with an ONNX image-to-image model (such as an exported Stripformer) through ONNX
/// Runtime. Create it with <c>mlContext.Transforms.Deblur(...)</c>. The model is wrapped so that it takes and
/// returns packed images of any size and tiles large ones inside the graph (see <see cref="DeblurOptions"/>); the
/// fitted transformer is ML.NET's own ONNX transform, so it saves with <c>mlContext.Model.Save</c> (the wrapped
/// model's bytes go into the zip) and loads in a fresh process.
/// </summary>
public sealed class DeblurEstimator : IEstimator<DeblurTransformer>
{
    /// <summary>The packed twin of an ML.NET image input (a private column).</summary>
    private const string PackedInputColumnName = "__stripformer_deblur_packed_in";

    /// <summary>The packed result before it becomes an ML.NET image (a private column).</summary>
    private const string PackedOutputColumnName = "__stripformer_deblur_packed_out";

    private readonly MLContext _inner = new();
    private readonly IHostEnvironment _environment;
    private readonly string _output;
    private readonly string _input;
    private readonly string _source;
    private readonly DeblurModelCheck _model;
    private readonly DeblurOptions _options;
    private readonly Lazy<WrappedModelFile> _wrapped;

    internal DeblurEstimator(TransformsCatalog catalog, string outputColumnName, string inputColumnName, byte[] model, string source, DeblurOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        options ??= new DeblurOptions();
        options.Validate();
        _environment = CatalogContext.Of(catalog);
        ComponentRegistration.Register(_environment);
        (_output, _input, _source, _options) = (outputColumnName, inputColumnName, source, options);
        _model = DeblurModelCheck.Read(model, source);

        // Built once: GetOutputSchema and every Fit use the same wrapped graph (serialising it copies the weights).
        _wrapped = new(() => WrappedModelFile.For(model, _options.TileSize, _options.TileOverlap, () => DeblurGraph.Build(_model, _options.TileSize, _options.TileOverlap)));
    }

    /// <summary>The model's metadata (configuration, input range, project version).</summary>
    public IReadOnlyDictionary<string, string> ModelMetadata => _model.Model.Metadata;

    /// <inheritdoc/>
    public DeblurTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var layout = ImageColumnLayouts.Of(input.Schema, _input, "input");
        var (contextDevice, contextFallback) = CatalogContext.GpuSettings(_environment);
        // The options' device and fallback win; otherwise the MLContext's (GpuDeviceId, FallbackToCpu) apply together.
        bool fallback = _options.GpuDeviceId is null ? contextFallback : _options.FallbackToCpu;
        int? device = ExecutionProvider.Choose(_options.GpuDeviceId ?? contextDevice, fallback, out string provider);
        using (var channel = _environment.Register(nameof(DeblurEstimator)).Start(nameof(DeblurEstimator)))
        {
            channel.Info(MessageSensitivity.None, $"Deblur with '{_source}': {provider}.");
        }

        return WithChain(device, fallback, layout, (chain, file) => new DeblurTransformer(FitChain(chain, input, layout), _input, _output, provider, file, layout));
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return ImageColumnLayouts.Of(inputSchema, _input, "input") == ImageColumnLayout.Packed
            ? WithChain(null, true, ImageColumnLayout.Packed, (chain, _) => chain.GetOutputSchema(inputSchema))
            : _inner.Transforms.CopyColumns(_output, _input).GetOutputSchema(inputSchema); // an image column of any size, like the input
    }

    /// <summary>Fits the chain; for ML.NET images, behind the packed twin of the input (<see cref="MLImageColumns"/>).</summary>
    private ITransformer FitChain(IEstimator<ITransformer> chain, IDataView input, ImageColumnLayout layout)
    {
        if (layout == ImageColumnLayout.Packed)
        {
            return chain.Fit(input);
        }

        var toPacked = MLImageColumns.ToPacked(_inner, input, _input, PackedInputColumnName);
        return new TransformerChain<ITransformer>(toPacked, chain.Fit(toPacked.Transform(input)));
    }

    /// <summary>Builds the chain (copy the input to a private name, refuse non-finite samples, ML.NET's ONNX
    /// transform, copy the result out, drop the private columns) and uses it. ML.NET's ONNX transform reads the model from a file,
    /// and reads that file again when the model is saved, so the wrapped model stays in a content-named file under
    /// the user's private cache (see <see cref="WrappedModelFile"/>).</summary>
    private T WithChain<T>(int? device, bool fallback, ImageColumnLayout layout, Func<IEstimator<ITransformer>, WrappedModelFile, T> use)
    {
        var file = _wrapped.Value;
        file.EnsureExists();
        // A private context: ML.NET would put the user's MLContext.GpuDeviceId back in place of a CPU choice made
        // here, and its GPU fallback catches only some failures.
        var onnx = _inner.Transforms.ApplyOnnxModel(new OnnxOptions
        {
            ModelFile = file.Path,
            InputColumns = [DeblurGraph.InputName],
            OutputColumns = [DeblurGraph.OutputName],
            GpuDeviceId = device,
            FallbackToCpu = fallback,
            IntraOpNumThreads = _options.ResolvedIntraOpThreads,
            InterOpNumThreads = _options.InterOpThreads,
        });
        var check = ConstantTextColumn.Create(_inner, FiniteImageMappingFactory.NameColumnName, _input)
            .Append(_inner.Transforms.CustomMapping(new FiniteImageMappingFactory().GetMapping(), FiniteImageMappingFactory.ContractName));
        // ML.NET images run as their packed twins: made in front by FitChain, turned back into an image behind.
        bool packed = layout == ImageColumnLayout.Packed;
        IEstimator<ITransformer> chain = ColumnMappingChain.Build(
            _inner.Transforms,
            [(packed ? _input : PackedInputColumnName, FiniteImageMappingFactory.InputColumnName)],
            check.Append(onnx),
            [(DeblurGraph.OutputName, packed ? _output : PackedOutputColumnName)],
            [FiniteImageMappingFactory.NameColumnName, DeblurGraph.InputName]);
        if (!packed)
        {
            chain = chain.Append(MLImageColumns.FromPacked(_inner, PackedOutputColumnName, _output))
                .Append(_inner.Transforms.DropColumns(PackedInputColumnName, PackedOutputColumnName));
        }

        return use(chain, file);
    }
}
