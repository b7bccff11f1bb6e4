using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Persistence;

namespace MLNet.Stripformer.Blur;

/// <summary>
/// Makes blurred copies of sharp images: the (blurred, sharp) pairs a deblurring network trains on. Gaussian kernels
/// match OpenCV's <c>GaussianBlur</c> bit for bit in the default 8-bit arithmetic; motion, disk and custom kernels are
/// supported too. Create it with <c>mlContext.Transforms.SynthesizeBlur(...)</c>.
/// </summary>
public sealed class SynthesizeBlurEstimator : IEstimator<SynthesizeBlurTransformer>
{
    private readonly IHostEnvironment _environment;
    private const string PackedInputColumnName = "__stripformer_blur_packed_in";
    private const string PackedOutputColumnName = "__stripformer_blur_packed_out";

    private readonly MLContext _inner = new();
    private readonly SynthesizeBlurOptions _options;

    internal SynthesizeBlurEstimator(IHostEnvironment environment, SynthesizeBlurOptions options)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        ComponentRegistration.Register(environment);
    }

    /// <inheritdoc/>
    public SynthesizeBlurTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var layout = ImageColumnLayouts.Of(input.Schema, _options.InputColumnName, "input");
        int seed = _options.Seed ?? _environment.Register(nameof(SynthesizeBlurEstimator)).Rand.Next();
        var recipe = new BlurRecipe(_options.Kernels.ToList(), _options.Arithmetic, seed, _options.Degradations);
        ITransformer chain;
        if (layout == ImageColumnLayout.Packed)
        {
            chain = BuildChain(recipe, _options.InputColumnName, _options.OutputColumnName).Fit(input);
        }
        else
        {
            // ML.NET images: blur the packed twin (MLImageColumns), then back to an image column.
            var toPacked = MLImageColumns.ToPacked(_inner, input, _options.InputColumnName, PackedInputColumnName);
            var rest = BuildChain(recipe, PackedInputColumnName, PackedOutputColumnName)
                .Append(MLImageColumns.FromPacked(_inner, PackedOutputColumnName, _options.OutputColumnName))
                .Append(_inner.Transforms.DropColumns(PackedInputColumnName, PackedOutputColumnName));
            chain = new TransformerChain<ITransformer>(toPacked, rest.Fit(toPacked.Transform(input)));
        }

        return new SynthesizeBlurTransformer(chain, _options.InputColumnName, recipe.Kernels, recipe.Arithmetic, seed, recipe.Degradations);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return ImageColumnLayouts.Of(inputSchema, _options.InputColumnName, "input") == ImageColumnLayout.Packed
            ? BuildChain(new BlurRecipe(_options.Kernels.ToList(), _options.Arithmetic, 0, _options.Degradations), _options.InputColumnName, _options.OutputColumnName).GetOutputSchema(inputSchema)
            : _inner.Transforms.CopyColumns(_options.OutputColumnName, _options.InputColumnName).GetOutputSchema(inputSchema); // an image column of any size, like the input
    }

    private IEstimator<ITransformer> BuildChain(BlurRecipe recipe, string inputColumnName, string outputColumnName)
    {
        var mapping = ConstantTextColumn.Create(_inner, BlurMappingFactory.RecipeColumnName, recipe.Text)
            .Append(_inner.Transforms.CustomMapping(new BlurMappingFactory().GetMapping(), BlurMappingFactory.ContractName));
        return ColumnMappingChain.Build(
            _inner.Transforms,
            [(inputColumnName, BlurMappingFactory.ImageColumnName)],
            mapping,
            [(BlurMappingFactory.OutputColumnName, outputColumnName)],
            [BlurMappingFactory.RecipeColumnName]);
    }
}
