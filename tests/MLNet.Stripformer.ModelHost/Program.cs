using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer;
using Microsoft.ML.Transforms.Image;
using MLNet.Stripformer.Imaging;

// Usage: ModelHost MODEL.zip IMAGE_DIR OUTPUT.bin
// Loads the model in this fresh process, applies it to the images of IMAGE_DIR (columns Path and Image) and writes
// every float-vector, ML.NET image and double column of the result, row by row, as raw little-endian values (column
// name, 'v' or 'd', then values; an image is written as its packed vector).
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: ModelHost MODEL.zip IMAGE_DIR OUTPUT.bin");
    return 2;
}

var context = new MLContext().RegisterStripformerComponents();
var model = context.Model.Load(args[0], out _);
var scored = model.Transform(context.Data.LoadImagesFromDirectory(args[1]));
using var writer = new BinaryWriter(File.Create(args[2]));
using var cursor = scored.GetRowCursor(scored.Schema);
while (cursor.MoveNext())
{
    foreach (var column in scored.Schema.Where(c => !c.IsHidden))
    {
        if (column.Type is VectorDataViewType { ItemType: NumberDataViewType n } && n.RawType == typeof(float))
        {
            writer.Write(column.Name);
            writer.Write('v');
            VBuffer<float> value = default;
            cursor.GetGetter<VBuffer<float>>(column)(ref value);
            writer.Write(value.Length);
            foreach (float f in value.DenseValues())
            {
                writer.Write(f);
            }
        }
        else if (column.Type is ImageDataViewType)
        {
            MLImage image = null!;
            cursor.GetGetter<MLImage>(column)(ref image);
            float[] packed = PackedImage.Pack(MLImageConversion.ToRgbImage(image));
            writer.Write(column.Name);
            writer.Write('v');
            writer.Write(packed.Length);
            foreach (float f in packed)
            {
                writer.Write(f);
            }
        }
        else if (column.Type.RawType == typeof(double))
        {
            double value = 0;
            cursor.GetGetter<double>(column)(ref value);
            writer.Write(column.Name);
            writer.Write('d');
            writer.Write(value);
        }
    }
}

return 0;
