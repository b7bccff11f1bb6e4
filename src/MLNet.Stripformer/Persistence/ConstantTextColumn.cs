using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MLNet.Stripformer.Persistence;

/// <summary>
/// Adds a text column holding the same string on every row, in a form ML.NET saves and loads: a stateless mapping
/// that reads no column yields a scalar, and an expression <c>x =&gt; "..."</c> on that scalar yields the text.
/// This is how a transform's parameters reach its <c>CustomMapping</c>, which must be stateless.
/// </summary>
internal static class ConstantTextColumn
{
    public const string AnchorColumnName = "__stripformer_anchor";

    public static IEstimator<ITransformer> Create(MLContext context, string outputColumnName, string text)
    {
        if (text.Contains('"') || text.Contains('\\') || text.Contains('\n'))
        {
            throw new ArgumentException("Constant column text must not contain quotes, backslashes or new lines.", nameof(text));
        }

        return context.Transforms.CustomMapping(new AnchorMappingFactory().GetMapping(), AnchorMappingFactory.ContractName)
            .Append(context.Transforms.Expression(outputColumnName, $"x => \"{text}\"", AnchorColumnName))
            .Append(context.Transforms.DropColumns(AnchorColumnName));
    }
}

/// <summary>Input row of the anchor mapping: it reads no column.</summary>
public sealed class AnchorMappingInput
{
}

/// <summary>Output row of the anchor mapping: a scalar the expression transform can read.</summary>
public sealed class AnchorMappingOutput
{
    /// <summary>Always 0.</summary>
    [ColumnName(ConstantTextColumn.AnchorColumnName)]
    public float Anchor { get; set; }
}

/// <summary>The stateless mapping that gives <see cref="ConstantTextColumn"/> a scalar input.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class AnchorMappingFactory : CustomMappingFactory<AnchorMappingInput, AnchorMappingOutput>
{
    /// <summary>The contract name saved in models.</summary>
    public const string ContractName = "MLNet.Stripformer.Anchor";

    /// <inheritdoc/>
    public override Action<AnchorMappingInput, AnchorMappingOutput> GetMapping() => Map;

    private static void Map(AnchorMappingInput input, AnchorMappingOutput output) => output.Anchor = 0;
}
