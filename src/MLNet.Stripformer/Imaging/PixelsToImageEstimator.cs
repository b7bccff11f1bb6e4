using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Persistence;
using static Microsoft.ML.Transforms.Image.ImagePixelExtractingEstimator;

namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Turns ML.NET's <c>ExtractPixels</c> output (a fixed-size vector [planes, height, width], or
/// [height, width, planes] interleaved) back into an ML.NET image column, given the options ExtractPixels was given:
/// the exact inverse, so <c>Deblur</c>, <c>SynthesizeBlur</c> and <c>ImageQuality</c> can read it. The image is
/// 8-bit BGRA, opaque unless an alpha plane was extracted. Create it with
/// <c>mlContext.Transforms.PixelsToImage(...)</c>; it saves and loads with the model.
/// </summary>
public sealed class PixelsToImageEstimator : IEstimator<ITransformer>
{
    private readonly MLContext _inner = new();
    private readonly string _output;
    private readonly string _input;
    private readonly ColorBits _colors;
    private readonly ColorsOrder _order;
    private readonly bool _interleaved;
    private readonly float _offset;
    private readonly float _scale;

    internal PixelsToImageEstimator(string outputColumnName, string inputColumnName, ColorBits colors, ColorsOrder order, bool interleaved, float offset, float scale)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        PixelLayout.ValidateOptions(colors, order, offset, scale);
        (_output, _input, _colors, _order, _interleaved, _offset, _scale) = (outputColumnName, inputColumnName, colors, order, interleaved, offset, scale);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The column is missing, or its dimensions do not fit the options; the message names it.</exception>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = input.Schema.GetColumnOrNull(_input) ?? throw Missing(input.Schema.Select(c => c.Name));
        var layout = PixelLayout.Of(column.Type, _input, _colors, _order, _interleaved, _offset, _scale);
        return Chain(layout.Encode()).Fit(input);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = inputSchema.FirstOrDefault(c => c.Name == _input);
        if (column.Name is null)
        {
            throw Missing(inputSchema.Select(c => c.Name));
        }

        if (column.Kind != SchemaShape.Column.VectorKind.Vector || (column.ItemType != NumberDataViewType.Single && column.ItemType != NumberDataViewType.Byte))
        {
            throw new ArgumentException($"The pixel column '{_input}' holds {column.ItemType} ({column.Kind}), not ExtractPixels output: a fixed-size vector of Single or Byte.", nameof(inputSchema));
        }

        return Chain("0,0,0,0,0,0,1").GetOutputSchema(inputSchema);
    }

    private IEstimator<ITransformer> Chain(string layout) =>
        _inner.Transforms.Conversion.ConvertType(PixelsToImageMappingFactory.PixelsColumnName, _input, DataKind.Single)
            .Append(ConstantTextColumn.Create(_inner, PixelsToImageMappingFactory.LayoutColumnName, layout))
            .Append(_inner.Transforms.CustomMapping(new PixelsToImageMappingFactory().GetMapping(), PixelsToImageMappingFactory.ContractName))
            .Append(_inner.Transforms.CopyColumns(_output, PixelsToImageMappingFactory.OutputColumnName))
            .Append(_inner.Transforms.DropColumns(PixelsToImageMappingFactory.PixelsColumnName, PixelsToImageMappingFactory.LayoutColumnName, PixelsToImageMappingFactory.OutputColumnName));

    private ArgumentException Missing(IEnumerable<string> columns) =>
        new($"The pixel column '{_input}' is not in the data; its columns are: {string.Join(", ", columns)}.");
}
