using Mono.Cecil;
using Mono.Cecil.Cil;

namespace MLNet.Stripformer.Torch.Tests.Support;

/// <summary>Reading IL for the lifetime scans (<see cref="UnrootedScalarCalls"/>, <see cref="UnrootedTensorTemporaries"/>).</summary>
internal static class CecilInstructions
{
    /// <summary>A call, virtual call or constructor call.</summary>
    public static bool IsCall(Instruction instruction) =>
        instruction.OpCode == OpCodes.Call || instruction.OpCode == OpCodes.Callvirt || instruction.OpCode == OpCodes.Newobj;

    /// <summary>The local an instruction stores to (<paramref name="isStore"/>) or loads from, or null.</summary>
    public static int? LocalIndex(Instruction instruction, bool isStore)
    {
        var code = instruction.OpCode.Code;
        return (isStore, code) switch
        {
            (true, Code.Stloc_0) or (false, Code.Ldloc_0) => 0,
            (true, Code.Stloc_1) or (false, Code.Ldloc_1) => 1,
            (true, Code.Stloc_2) or (false, Code.Ldloc_2) => 2,
            (true, Code.Stloc_3) or (false, Code.Ldloc_3) => 3,
            (true, Code.Stloc or Code.Stloc_S) or (false, Code.Ldloc or Code.Ldloc_S) => ((VariableDefinition)instruction.Operand).Index,
            _ => null,
        };
    }

    /// <summary>The value an instruction leaves goes into a local that the method later loads and hands to one of
    /// the calls <paramref name="keepsAlive"/> accepts (such as <c>Dispose</c>).</summary>
    public static bool StoredAndLater(IList<Instruction> instructions, int index, Func<Instruction, bool> keepsAlive)
    {
        int? local = LocalIndex(instructions[index + 1], isStore: true);
        return local is not null && instructions.Skip(index + 2).Zip(instructions.Skip(index + 3)).Any(pair =>
            LocalIndex(pair.First, isStore: false) == local && keepsAlive(pair.Second));
    }
}
