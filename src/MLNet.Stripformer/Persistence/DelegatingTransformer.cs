using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Stripformer.Persistence;

/// <summary>
/// Base of the library's transformers. ML.NET's persistence is internal, so each of our transformers runs an inner
/// chain of built-in, persistable transforms (column copies, an expression that carries the parameters as a
/// constant column, and a <c>CustomMapping</c> registered by contract name) and saves that chain. A saved model
/// therefore loads in any process that called <c>mlContext.RegisterStripformerComponents()</c>, with identical output.
/// </summary>
public abstract class DelegatingTransformer : ITransformer
{
    private readonly ITransformer _inner;

    /// <summary>Wraps the fitted inner chain.</summary>
    /// <param name="inner">The chain that does the work and is saved.</param>
    private protected DelegatingTransformer(ITransformer inner)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    }

    /// <inheritdoc/>
    public bool IsRowToRowMapper => _inner.IsRowToRowMapper;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ValidateInput(inputSchema);
        return _inner.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ValidateInput(inputSchema);
        return _inner.GetRowToRowMapper(inputSchema);
    }

    /// <inheritdoc/>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ValidateInput(input.Schema);
        return _inner.Transform(input);
    }

    /// <inheritdoc/>
    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        BeforeSave();
        _inner.Save(ctx);
    }

    /// <summary>Restores whatever the inner chain reads when it saves (nothing, unless a subclass says so).</summary>
    private protected virtual void BeforeSave()
    {
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the column when the input lacks what the transform
    /// needs.</summary>
    /// <param name="inputSchema">The schema of the data to transform.</param>
    private protected abstract void ValidateInput(DataViewSchema inputSchema);
}
