using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Stripformer.Persistence;

/// <summary>
/// Builds the persistable chain around a fixed-name <c>CustomMapping</c>: copy the user's columns to the mapping's
/// private names, run the mapping (and whatever produces its constant inputs), copy the results to the user's
/// names, and drop the private columns.
/// </summary>
internal static class ColumnMappingChain
{
    public static IEstimator<ITransformer> Build(
        TransformsCatalog transforms,
        IReadOnlyList<(string User, string Private)> inputs,
        IEstimator<ITransformer> mapping,
        IReadOnlyList<(string Private, string User)> outputs,
        IReadOnlyList<string> otherPrivateColumns)
    {
        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        foreach (var (user, hidden) in inputs)
        {
            chain = chain.Append(transforms.CopyColumns(hidden, user));
        }

        chain = chain.Append(mapping);
        foreach (var (hidden, user) in outputs)
        {
            chain = chain.Append(transforms.CopyColumns(user, hidden));
        }

        string[] drop = inputs.Select(c => c.Private).Concat(outputs.Select(c => c.Private)).Concat(otherPrivateColumns).ToArray();
        return chain.Append(transforms.DropColumns(drop));
    }
}
