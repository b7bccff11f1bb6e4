using Mono.Cecil;
using Mono.Cecil.Cil;

namespace MLNet.Stripformer.Torch.Tests.Support;

/// <summary>
/// Finds the calls through which libtorch may read a <c>TorchSharp.Scalar</c> that nothing keeps alive. TorchSharp
/// 0.107 turns numbers into <c>Scalar</c> objects (implicit conversions, and overloads such as <c>Tensor.add(Tensor)</c>
/// that pass a literal <c>1</c>) and hands libtorch only their native handle; the garbage collector may then run the
/// Scalar's finalizer, which frees the native value, while libtorch still reads it (dotnet/TorchSharp#1434, open).
/// A call is safe when the Scalar comes from <c>RootedScalars</c> (a process-wide cache), a static field, or a local
/// that the method disposes afterwards.
/// </summary>
internal static class UnrootedScalarCalls
{
    private const string ScalarType = "TorchSharp.Scalar";

    /// <summary>Each unsafe call in <paramref name="assemblyPath"/>, as "caller -> callee".</summary>
    public static IReadOnlyList<string> In(string assemblyPath)
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(Path.GetDirectoryName(assemblyPath)!);
        using var ours = AssemblyDefinition.ReadAssembly(assemblyPath, new ReaderParameters { AssemblyResolver = resolver });
        var torchSharp = resolver.Resolve(ours.MainModule.AssemblyReferences.Single(r => r.Name == "TorchSharp"));
        var hazards = HazardousMethods(torchSharp.MainModule);
        var hazardousTypes = HazardousTypes(torchSharp.MainModule, hazards);

        var findings = new List<string>();
        foreach (var method in ours.MainModule.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
        {
            var instructions = method.Body.Instructions;
            for (int i = 0; i < instructions.Count; i++)
            {
                if (instructions[i].Operand is not MethodReference callee || !CecilInstructions.IsCall(instructions[i]))
                {
                    continue;
                }

                bool unsafeCall = MakesScalar(callee)
                    ? !IsRooted(instructions, i) && !IsCache(method.DeclaringType)
                    : IsTorchSharp(callee.DeclaringType)
                      && (hazards.Contains(Key(callee)) || hazardousTypes.Contains(Made(instructions[i], callee)));
                if (unsafeCall)
                {
                    findings.Add($"{method.DeclaringType.FullName}::{method.Name} -> {callee.DeclaringType.Name}::{callee.Name}({string.Join(", ", callee.Parameters.Select(p => p.ParameterType.Name))})");
                }
            }
        }

        return findings;
    }

    /// <summary>The TorchSharp methods that make a Scalar they do not dispose, directly or through other such methods.</summary>
    private static HashSet<string> HazardousMethods(ModuleDefinition torchSharp)
    {
        var methods = torchSharp.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody).ToList();
        var calls = methods.ToDictionary(Key, m => m.Body.Instructions.Where(i => CecilInstructions.IsCall(i) || IsLambda(i)).Select(i => (MethodReference)i.Operand).ToList());
        var hazards = methods
            .Where(m => calls[Key(m)].Any(MakesScalar) && !calls[Key(m)].Any(c => c.DeclaringType.FullName == ScalarType && c.Name == "Dispose"))
            .Select(Key)
            .ToHashSet();
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var method in methods)
            {
                if (!hazards.Contains(Key(method)) && calls[Key(method)].Any(c => hazards.Contains(Key(c))))
                {
                    hazards.Add(Key(method));
                    grew = true;
                }
            }
        }

        return hazards;
    }

    /// <summary>
    /// The TorchSharp types with a hazardous virtual method (such as <c>optim.Adam</c>'s <c>step</c>, or a module's
    /// <c>forward</c>): a call that makes one is flagged, since calls through the base class cannot be told apart.
    /// </summary>
    private static HashSet<string> HazardousTypes(ModuleDefinition torchSharp, HashSet<string> hazards)
    {
        bool Hazardous(TypeDefinition? type) =>
            type is not null
            && (type.Methods.Any(m => m.IsVirtual && hazards.Contains(Key(m)))
                || (type.BaseType is { } parent && IsTorchSharp(parent) && Hazardous(parent.Resolve())));
        return torchSharp.GetTypes().Where(Hazardous).Select(t => t.FullName).ToHashSet();
    }

    /// <summary>The type an instruction makes: a constructor's type, or a factory's return type.</summary>
    private static string Made(Instruction instruction, MethodReference callee) =>
        instruction.OpCode == OpCodes.Newobj ? callee.DeclaringType.GetElementType().FullName : callee.ReturnType.GetElementType().FullName;

    private static bool IsCache(TypeDefinition type) =>
        type.Name == "RootedScalars" || (type.DeclaringType is { } outer && IsCache(outer));

    private static bool IsTorchSharp(TypeReference type) => type.Scope.Name.StartsWith("TorchSharp", StringComparison.Ordinal);

    /// <summary>A delegate made of a method (a lambda's body): counted as a call.</summary>
    private static bool IsLambda(Instruction instruction) =>
        instruction.OpCode == OpCodes.Ldftn || instruction.OpCode == OpCodes.Ldvirtftn;

    private static bool MakesScalar(MethodReference callee) =>
        callee.ReturnType.FullName == ScalarType
        && callee.Name is "op_Implicit" or "ToScalar";

    /// <summary>The new Scalar goes into a static field, or into a local that this method later disposes.</summary>
    private static bool IsRooted(IList<Instruction> instructions, int index) =>
        instructions[index + 1].OpCode == OpCodes.Stsfld
        || CecilInstructions.StoredAndLater(instructions, index, use => use.Operand is MethodReference { Name: "Dispose" });

    private static string Key(MethodReference method) => method.GetElementMethod().FullName;
}
