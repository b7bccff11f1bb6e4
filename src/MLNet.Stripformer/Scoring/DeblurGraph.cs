using MLNet.Stripformer.Onnx;
using static MLNet.Stripformer.Onnx.OnnxAttribute;

namespace MLNet.Stripformer.Scoring;

/// <summary>
/// Wraps an image-to-image ONNX model (one float input [N, 3, H, W] in [0, 1], one output of the same shape, such
/// as the Stripformer exporter writes) into the model that <c>Deblur</c> runs: packed image in, packed image out,
/// with the tiling inside the graph, so that the saved ML.NET model and any ONNX runtime tile the same way.
/// <list type="bullet">
/// <item>Input <see cref="InputName"/>, float [1, L]: the packed image [H, W, R plane, G plane, B plane].</item>
/// <item>A <c>Loop</c> over the tiles of <see cref="TilePlan"/> (its formulas emitted as int64 nodes). Each tile runs
/// the wrapped network (its nodes and weights copied unchanged into the loop body) and is blended into a running sum
/// with the plan's weights, normalised so that every pixel's weights sum to 1. An image that fits in one tile is one
/// iteration with weight 1: exactly the untiled network.</item>
/// <item>Output <see cref="OutputName"/>, float [1, L]: the packed result, clipped to [0, 1].</item>
/// </list>
/// Memory is bounded by the tile: the running sum is 3 floats a pixel, the network's activations scale with the
/// tile, not the image.
/// </summary>
internal static class DeblurGraph
{
    public const string InputName = "stripformer/packed_image";
    public const string OutputName = "stripformer/packed_deblurred";
    private const string Prefix = "deblur/";

    /// <summary>The smallest opset the wrapper's own nodes need (Squeeze and Unsqueeze with axes as inputs).</summary>
    private const long MinimumOpset = 13;

    /// <summary>The wrapped model's bytes.</summary>
    /// <param name="network">The image-to-image model, already checked with <see cref="DeblurModelCheck"/>.</param>
    /// <param name="tile">Tile size in pixels; 0 runs the whole image at once.</param>
    /// <param name="overlap">Pixels shared by neighbouring tiles.</param>
    public static byte[] Build(DeblurModelCheck network, int tile, int overlap)
    {
        var model = network.Model;
        var g = new OnnxGraphBuilder("stripformer_deblur", Prefix);

        g.Input(InputName, OnnxElementType.Float, 1, "packed_length");
        string flat = g.Op("Reshape", [InputName, g.Int64s(-1)]);
        string sizeAsFloat = g.Op("Slice", [flat, g.Int64s(0), g.Int64s(2)]);
        string size = g.Op("Cast", [sizeAsFloat], Int("to", (long)OnnxElementType.Int64));
        string height = g.Op("Slice", [size, g.Int64s(0), g.Int64s(1)]);
        string width = g.Op("Slice", [size, g.Int64s(1), g.Int64s(2)]);
        string image = g.Op("Reshape", [g.Op("Slice", [flat, g.Int64s(2), g.Int64s(long.MaxValue)]), g.Op("Concat", [g.Int64s(1, 3), height, width], Int("axis", 0))]);

        var rows = Axis(g, height, tile, overlap);
        var columns = Axis(g, width, tile, overlap);
        string count = g.Op("Squeeze", [g.Op("Mul", [rows.Count, columns.Count]), g.Int64s(0)]);

        string accumulatorShape = g.Op("Concat", [g.Int64s(1, 3), height, width], Int("axis", 0));
        string empty = g.Op("Expand", [g.FloatScalar(0f), accumulatorShape]);
        string sum = SumLoop(g, Prefix + "tile/", count, empty, (b, iteration) => PlacedTile(b, g, network, iteration, image, height, width, rows, columns));
        string result = g.Op("Clip", [sum, g.FloatScalar(0f), g.FloatScalar(1f)]);
        string packed = g.Op("Concat", [sizeAsFloat, g.Op("Reshape", [result, g.Int64s(-1)])], Int("axis", 0));
        g.Node("Reshape", [packed, g.Int64s(1, -1)], [OutputName]);
        g.Output(OutputName, OnnxElementType.Float, 1, "packed_length");

        var metadata = new Dictionary<string, string>(model.Metadata, StringComparer.Ordinal)
        {
            ["stripformer.tile"] = tile.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["stripformer.tile_overlap"] = overlap.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["stripformer.wrapper"] = "packed image in and out, tiled in an ONNX Loop, MLNet.Stripformer " + ProjectVersion.Current,
        };
        long opset = Math.Max(model.Opsets.GetValueOrDefault(string.Empty, MinimumOpset), MinimumOpset);
        var otherDomains = model.Opsets.Where(o => o.Key.Length > 0).ToDictionary(o => o.Key, o => o.Value);
        return OnnxModelWriter.Write(g, metadata, opset, otherDomains, Math.Max(model.IrVersion, OnnxModelWriter.IrVersion));
    }

    /// <summary>The tiles along one axis (<see cref="TilePlan"/>) with a tile's blending weights ([size] float) and
    /// their sum over the tiles at each position of the axis ([length] float).</summary>
    private sealed record TileAxis(TileAxis<string> Plan, string Weights, string Coverage)
    {
        public string Count => Plan.Count;

        public string Size => Plan.Size;
    }

    private static TileAxis Axis(OnnxGraphBuilder g, string length, int tile, int overlap)
    {
        var math = new OnnxTileArithmetic(g);
        var plan = TilePlan.Axis(math, length, tile, overlap);
        string positions = g.Op("Range", [g.Int64Scalar(0), g.Op("Squeeze", [plan.Size, g.Int64s(0)]), g.Int64Scalar(1)]);
        string weights = g.Op("Cast", [TilePlan.Weight(math, plan, positions)], Int("to", (long)OnnxElementType.Float));
        return new TileAxis(plan, weights, Coverage(g, plan, weights, length));
    }

    /// <summary>The start of tile <paramref name="index"/> ([1] int64) along an axis.</summary>
    private static string Start(OnnxGraphBuilder b, string index, TileAxis<string> axis) => TilePlan.Start(new OnnxTileArithmetic(b), axis, index);

    /// <summary>The summed weights of all tiles at each position of an axis ([length] float), from a small loop over
    /// the tiles: dividing a tile's weights by it makes the contributions to every pixel sum to exactly 1, so the
    /// image needs no weight channel and no final division.</summary>
    private static string Coverage(OnnxGraphBuilder g, TileAxis<string> axis, string weights, string length)
    {
        string empty = g.Op("Expand", [g.FloatScalar(0f), length]);
        return SumLoop(g, g.NewName("coverage") + "/", g.Op("Squeeze", [axis.Count, g.Int64s(0)]), empty, (b, iteration) =>
        {
            string start = Start(b, b.Op("Unsqueeze", [iteration, g.Int64s(0)]), axis);
            string pads = b.Op("Concat", [start, b.Op("Sub", [b.Op("Sub", [length, start]), axis.Size])], Int("axis", 0));
            return b.Op("Pad", [weights, pads]);
        });
    }

    /// <summary>An ONNX <c>Loop</c> of <paramref name="count"/> iterations that returns <paramref name="empty"/> plus
    /// the sum of what <paramref name="addend"/> emits in the body for each iteration (given the body and the
    /// iteration number, a scalar int64).</summary>
    private static string SumLoop(OnnxGraphBuilder g, string prefix, string count, string empty, Func<OnnxGraphBuilder, string, string> addend)
    {
        var b = new OnnxGraphBuilder("body", prefix);
        string iteration = prefix + "iteration", condition = prefix + "condition", sumIn = prefix + "sum_in";
        b.Input(iteration, OnnxElementType.Int64);
        b.Input(condition, OnnxElementType.Bool);
        b.Input(sumIn, OnnxElementType.Float, null);
        string sumOut = b.Op("Add", [sumIn, addend(b, iteration)]);
        b.Output(b.Op("Identity", [condition]), OnnxElementType.Bool);
        b.Output(sumOut, OnnxElementType.Float, null);
        return g.Op("Loop", [count, string.Empty, empty], Graph("body", b));
    }

    /// <summary>Tile <paramref name="iteration"/>: sliced from the image, run through the wrapped network, weighted,
    /// and padded back to the image's place.</summary>
    private static string PlacedTile(
        OnnxGraphBuilder b, OnnxGraphBuilder outer, DeblurModelCheck network, string iteration, string image, string height, string width, TileAxis rows, TileAxis columns)
    {
        string index = b.Op("Unsqueeze", [iteration, outer.Int64s(0)]);
        string y = Start(b, b.Op("Div", [index, columns.Count]), rows.Plan);
        string x = Start(b, b.Op("Mod", [index, columns.Count]), columns.Plan);
        string starts = b.Op("Concat", [y, x], Int("axis", 0));
        string ends = b.Op("Concat", [b.Op("Add", [y, rows.Size]), b.Op("Add", [x, columns.Size])], Int("axis", 0));
        b.Node("Slice", [image, starts, ends, outer.Int64s(2, 3)], [network.InputName]);
        foreach (var node in network.Model.Nodes)
        {
            b.CopyNode(node);
        }

        // The weights live in the body itself: ONNX Runtime pre-packs and re-lays out only a graph's own constant
        // initializers (values from an outer scope are plain inputs to it), which was worth about 10% here.
        foreach (var initializer in network.Model.Initializers)
        {
            b.CopyInitializer(initializer);
        }

        string Normalised(TileAxis axis, string start) =>
            b.Op("Div", [axis.Weights, b.Op("Slice", [axis.Coverage, start, b.Op("Add", [start, axis.Size])])]);
        string mask = b.Op("Mul", [b.Op("Unsqueeze", [Normalised(rows, y), outer.Int64s(1)]), Normalised(columns, x)]);
        string weighted = b.Op("Mul", [network.OutputName, b.Op("Unsqueeze", [mask, outer.Int64s(0, 1)])]);
        string before = b.Op("Concat", [outer.Int64s(0, 0), y, x], Int("axis", 0));
        string after = b.Op("Concat", [outer.Int64s(0, 0), b.Op("Sub", [b.Op("Sub", [height, y]), rows.Size]), b.Op("Sub", [b.Op("Sub", [width, x]), columns.Size])], Int("axis", 0));
        return b.Op("Pad", [weighted, b.Op("Concat", [before, after], Int("axis", 0))]);
    }
}
