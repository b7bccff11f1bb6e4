using System.Runtime.InteropServices;

namespace MLNet.Stripformer.Torch.Runtime;

/// <summary>libc10's exported allocator flags (<c>FLAGS_caffe2_cpu_allocator_do_zero_fill</c> and <c>..._do_junk_fill</c>,
/// one C++ <c>bool</c> each), read and written through the loaded library's symbol table.</summary>
internal static class CpuAllocatorFlags
{
    private const string ZeroFlag = "FLAGS_caffe2_cpu_allocator_do_zero_fill";
    private const string JunkFlag = "FLAGS_caffe2_cpu_allocator_do_junk_fill";

    public static void Write(IntPtr c10, CpuMemoryFill fill)
    {
        if (!Enum.IsDefined(fill))
        {
            throw new ArgumentOutOfRangeException(nameof(fill), fill, "Use None, Zero or Junk.");
        }

        var (zero, junk) = Addresses(c10);
        Marshal.WriteByte(zero, fill == CpuMemoryFill.Zero ? (byte)1 : (byte)0);
        Marshal.WriteByte(junk, fill == CpuMemoryFill.Junk ? (byte)1 : (byte)0);
    }

    public static CpuMemoryFill Read(IntPtr c10)
    {
        var (zero, junk) = Addresses(c10);
        return Marshal.ReadByte(junk) != 0 ? CpuMemoryFill.Junk : Marshal.ReadByte(zero) != 0 ? CpuMemoryFill.Zero : CpuMemoryFill.None;
    }

    /// <summary>Parses the environment variable's value (<c>none</c>, <c>zero</c> or <c>junk</c>, any case).</summary>
    public static CpuMemoryFill Parse(string value) =>
        Enum.TryParse(value.Trim(), ignoreCase: true, out CpuMemoryFill fill) && Enum.IsDefined(fill)
            ? fill
            : throw new TorchRuntimeException(
                $"{TorchRuntimeOptions.CpuMemoryFillVariable}='{value}' is not a CPU memory fill: use none, zero or junk.");

    private static (IntPtr Zero, IntPtr Junk) Addresses(IntPtr c10) =>
        c10 != IntPtr.Zero && NativeLibrary.TryGetExport(c10, ZeroFlag, out IntPtr zero) && NativeLibrary.TryGetExport(c10, JunkFlag, out IntPtr junk)
            ? (zero, junk)
            : throw new TorchRuntimeException($"The loaded libc10 exports no {ZeroFlag}/{JunkFlag}: the CPU memory fill cannot be set with this libtorch.");
}
