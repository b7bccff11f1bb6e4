namespace MLNet.Stripformer.Onnx;

/// <summary>The ONNX tensor element types this library writes and checks (<c>TensorProto.DataType</c>).</summary>
internal enum OnnxElementType
{
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
}
