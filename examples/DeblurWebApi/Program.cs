using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer;
using MLNet.Stripformer.Imaging;

// POST an image (the request body: JPEG, PNG, BMP, TIFF, WebP...) to /deblur and get the deblurred PNG back.
// One model is loaded at start and shared; each request borrows a PredictionEngine from a pool (ML.NET's engines are
// not thread-safe, the transformer is). Limits: 20 MB per upload, 16 megapixels per image; a bad file gets a 400.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = DeblurService.MaxUploadBytes);
builder.Services.AddSingleton<DeblurService>();
var app = builder.Build();

app.MapPost("/deblur", async (HttpRequest request, DeblurService deblur, CancellationToken cancel) =>
{
    using var body = new MemoryStream();
    await request.Body.CopyToAsync(body, cancel);
    return deblur.Run(body.ToArray(), out byte[] png, out string? problem)
        ? Results.File(png, "image/png")
        : Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
});

app.Run();

/// <summary>The shared model and its pool of prediction engines.</summary>
public sealed class DeblurService
{
    /// <summary>The largest upload accepted.</summary>
    public const long MaxUploadBytes = 20L << 20;

    /// <summary>The largest image accepted, checked from the file's header before it is decoded.</summary>
    private static readonly ImageDecodeOptions Limits = new() { MaxPixels = 16_000_000, MaxBytes = MaxUploadBytes };
    private readonly ObjectPool<PredictionEngine<Photo, Result>> _engines;

    /// <summary>Loads the shipped default model once.</summary>
    public DeblurService()
    {
        var ml = new MLContext().RegisterStripformerComponents();
        ITransformer model = ml.Transforms.Deblur("Deblurred", "Image").Fit(ml.Data.LoadFromEnumerable(Array.Empty<Photo>()));
        _engines = new DefaultObjectPool<PredictionEngine<Photo, Result>>(new EnginePolicy(ml, model));
    }

    /// <summary>Deblurs one encoded image into PNG bytes, or says what is wrong with it.</summary>
    public bool Run(byte[] upload, out byte[] png, out string? problem)
    {
        (png, problem) = ([], null);
        RgbImage decoded;
        try
        {
            decoded = ImageDecoder.Decode(upload, "the upload", Limits);
        }
        catch (ImageLoadException e)
        {
            problem = e.Message; // names what is wrong: not an image, truncated, too many pixels...
            return false;
        }

        var engine = _engines.Get();
        try
        {
            using var input = MLImageConversion.ToMLImage(decoded);
            using var output = engine.Predict(new Photo { Image = input }).Deblurred!;
            using var stream = new MemoryStream();
            ImageEncoder.SavePng(MLImageConversion.ToRgbImage(output), stream);
            png = stream.ToArray();
            return true;
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer model) : PooledObjectPolicy<PredictionEngine<Photo, Result>>
    {
        public override PredictionEngine<Photo, Result> Create() => ml.Model.CreatePredictionEngine<Photo, Result>(model);

        public override bool Return(PredictionEngine<Photo, Result> engine) => true;
    }
}

/// <summary>The request's image.</summary>
public sealed class Photo
{
    /// <summary>The decoded image.</summary>
    public MLImage? Image { get; set; }
}

/// <summary>The deblurred image.</summary>
public sealed class Result
{
    /// <summary>The deblurred image.</summary>
    public MLImage? Deblurred { get; set; }
}

/// <summary>The application's entry point, public for the end-to-end tests.</summary>
public partial class Program;
