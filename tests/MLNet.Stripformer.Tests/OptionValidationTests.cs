using Microsoft.ML;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests;

/// <summary>
/// Every option of the public Options classes, set to an invalid value and given to the public entry point that takes
/// it, is refused before any work with an <see cref="ArgumentException"/> whose parameter name and message name the
/// option. (The trainer's options: <c>StripformerTrainerTests.Invalid_options_are_named</c>.)
/// </summary>
public class OptionValidationTests
{
    private static readonly Dictionary<string, Action<MLContext>> Invalid = new()
    {
        ["DeblurOptions.GpuDeviceId"] = c => Deblur(c, new DeblurOptions { GpuDeviceId = -1 }),
        ["DeblurOptions.IntraOpThreads"] = c => Deblur(c, new DeblurOptions { IntraOpThreads = 0 }),
        ["DeblurOptions.InterOpThreads"] = c => Deblur(c, new DeblurOptions { InterOpThreads = -2 }),
        ["DeblurOptions.TileSize"] = c => Deblur(c, new DeblurOptions { TileSize = -64 }),
        ["DeblurOptions.TileOverlap"] = c => Deblur(c, new DeblurOptions { TileSize = 64, TileOverlap = 40 }),
        ["SynthesizeBlurOptions.OutputColumnName"] = c => c.Transforms.SynthesizeBlur(new SynthesizeBlurOptions { OutputColumnName = "" }),
        ["SynthesizeBlurOptions.InputColumnName"] = c => c.Transforms.SynthesizeBlur(new SynthesizeBlurOptions { InputColumnName = " " }),
        ["SynthesizeBlurOptions.Kernels"] = c => c.Transforms.SynthesizeBlur(new SynthesizeBlurOptions { Kernels = [] }),
        ["SynthesizeBlurOptions.Arithmetic"] = c => c.Transforms.SynthesizeBlur(new SynthesizeBlurOptions { Arithmetic = (BlurArithmetic)9 }),
        ["ImageLoadOptions.PathColumnName"] = c => Load(c, new ImageLoadOptions { PathColumnName = "" }),
        ["ImageLoadOptions.ImageColumnName"] = c => Load(c, new ImageLoadOptions { ImageColumnName = "Path" }),
        ["ImageLoadOptions.BadFiles"] = c => Load(c, new ImageLoadOptions { BadFiles = (BadFilePolicy)5 }),
        ["ImageLoadOptions.DecodeAhead"] = c => Load(c, new ImageLoadOptions { DecodeAhead = 0 }),
        ["ImageDecodeOptions.MaxPixels"] = c => Load(c, new ImageLoadOptions { Decode = new ImageDecodeOptions { MaxPixels = 0 } }),
        ["ImageDecodeOptions.MaxBytes"] = c => Load(c, new ImageLoadOptions { Decode = new ImageDecodeOptions { MaxBytes = -1 } }),
        ["ImageDecodeOptions.Alpha"] = c => Load(c, new ImageLoadOptions { Decode = new ImageDecodeOptions { Alpha = (AlphaHandling)4 } }),
    };

    public static TheoryData<string> Options => new(Invalid.Keys);

    [Theory]
    [MemberData(nameof(Options))]
    public void An_invalid_option_is_refused_naming_it(string option)
    {
        string name = option[(option.IndexOf('.', StringComparison.Ordinal) + 1)..];

        var ex = Assert.ThrowsAny<ArgumentException>(() => Invalid[option](new MLContext(seed: 1)));

        Assert.Equal(name, ex.ParamName);
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    private static void Deblur(MLContext context, DeblurOptions options) =>
        context.Transforms.Deblur("Deblurred", "Image", TestPaths.Reference("tiny-stripformer.onnx"), options);

    private static void Load(MLContext context, ImageLoadOptions options) =>
        context.Data.LoadImages([TestPaths.Reference("crop1.png")], options);
}
