// A deblurring pipeline saved with mlContext.Model.Save in one app and loaded in another. Run from the repository
// root, as two separate processes, with a folder of your choice (created if missing) for the two files:
//   dotnet run --project examples/SaveAndLoad -- save out/save-and-load   (fit, score a photo, save deblur.zip and pixels.bin)
//   dotnet run --project examples/SaveAndLoad -- load out/save-and-load   (load in a fresh process, compare)
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer;
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;

if (args.Length != 2 || args[0] is not ("save" or "load"))
{
    Console.Error.WriteLine("usage: SaveAndLoad save|load FOLDER   (the folder holds deblur.zip and pixels.bin)");
    return 2;
}

string photo = Path.Combine("samples", "photos", "python3-skimage__grass.png");
string zip = Path.Combine(args[1], "deblur.zip"), pixels = Path.Combine(args[1], "pixels.bin");

if (args[0] == "save")
{
    Directory.CreateDirectory(args[1]);
    var ml = new MLContext(seed: 1);
    IDataView sharp = ml.Data.LoadImages([photo], new ImageLoadOptions { ImageColumnName = "Sharp" });
    var pipeline = ml.Transforms.SynthesizeBlur("Blurred", "Sharp", [BlurKernel.Gaussian(7, 1.0)])
        .Append(ml.Transforms.Deblur("Deblurred", "Blurred"));
    ITransformer model = pipeline.Fit(sharp);

    // The zip holds the blur step, the ONNX network and the tiling graph: nothing else is needed to load it.
    ml.Model.Save(model, sharp.Schema, zip);
    float[] deblurred = model.Transform(sharp).GetColumn<float[]>("Deblurred").Single();
    File.WriteAllBytes(pixels, System.Runtime.InteropServices.MemoryMarshal.AsBytes(deblurred.AsSpan()).ToArray());
    Console.WriteLine($"saved the pipeline to {zip} ({new FileInfo(zip).Length / 1e6:F1} MB) and its output for {Path.GetFileName(photo)} to {pixels}");
    return 0;
}
else
{
    // A fresh app: register our components once, then load as any ML.NET model.
    var ml = new MLContext().RegisterStripformerComponents();
    ITransformer model = ml.Model.Load(zip, out DataViewSchema inputSchema);
    IDataView sharp = ml.Data.LoadImages([photo], new ImageLoadOptions { ImageColumnName = "Sharp" });
    float[] deblurred = model.Transform(sharp).GetColumn<float[]>("Deblurred").Single();
    float[] saved = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(pixels)).ToArray();
    bool same = deblurred.AsSpan().SequenceEqual(saved);
    Console.WriteLine($"loaded {zip} (input columns: {string.Join(", ", inputSchema.Select(c => c.Name))}); same pixels as the saving app: {same}");
    return same ? 0 : 1;
}
