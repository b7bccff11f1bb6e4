namespace MLNet.Stripformer.Imaging;

/// <summary>What loading a set of images does when one file cannot be loaded.</summary>
public enum BadFilePolicy
{
    /// <summary>Stop with an <see cref="ImageLoadException"/> naming the first bad file (the default).</summary>
    Fail,

    /// <summary>Leave the file out and record it in the <see cref="ImageLoadReport"/>.</summary>
    Skip,
}
