using Microsoft.ML;

namespace MLNet.Stripformer;

/// <summary>Entry points of the library on <see cref="MLContext"/>.</summary>
public static class MLContextExtensions
{
    /// <summary>
    /// The deblurring catalog (evaluation and trainers). Also registers the library's components with the context,
    /// so that models saved with <c>mlContext.Model.Save</c> load with <c>mlContext.Model.Load</c>.
    /// </summary>
    /// <param name="context">The context.</param>
    public static DeblurringCatalog Deblurring(this MLContext context)
    {
        context.RegisterStripformerComponents();
        return new DeblurringCatalog(context);
    }

    /// <summary>
    /// Registers this library's persistable components (the custom mappings behind blur synthesis and the quality
    /// columns) with the context. Call it before <c>mlContext.Model.Load</c> in a process that has not used the
    /// library's estimators yet; it is idempotent.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <returns>The same context.</returns>
    public static MLContext RegisterStripformerComponents(this MLContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ComponentRegistration.Register(context);
        return context;
    }
}
