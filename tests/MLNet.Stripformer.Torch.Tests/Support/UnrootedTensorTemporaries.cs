using Mono.Cecil;
using Mono.Cecil.Cil;

namespace MLNet.Stripformer.Torch.Tests.Support;

/// <summary>
/// Finds the tensors that nothing keeps alive while libtorch may still use them. A TorchSharp <c>Tensor</c> frees its
/// native tensor in its finalizer, and its methods pass only the native handle to libtorch without keeping the .NET
/// object alive: in <c>w.detach().clone()</c> the garbage collector may finalize the detached tensor while
/// <c>THSTensor_clone</c> reads it (CI saw <c>Hit PythonDispatcher dispatch key but PythonDispatcherTLS was not set</c>,
/// libtorch reading freed memory). A tensor a call returns is safe when the method runs inside a TorchSharp
/// <c>DisposeScope</c> (the scope holds every tensor made in it), or when it goes straight into a field, a return,
/// a <c>Parameter</c> (which takes its native handle), or a local that the method later disposes, returns or stores.
/// </summary>
internal static class UnrootedTensorTemporaries
{
    /// <summary>Each unsafe use in <paramref name="assemblyPath"/>, as "method -> call whose tensor is unrooted".</summary>
    public static IReadOnlyList<string> In(string assemblyPath)
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(Path.GetDirectoryName(assemblyPath)!);
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath, new ReaderParameters { AssemblyResolver = resolver });

        var methods = assembly.MainModule.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody).ToList();
        var scoped = Scoped(methods);
        var findings = new List<string>();
        foreach (var method in methods.Where(m => !scoped.Contains(m)))
        {
            var instructions = method.Body.Instructions;
            for (int i = 0; i + 1 < instructions.Count; i++)
            {
                if (CecilInstructions.IsCall(instructions[i]) && instructions[i].Operand is MethodReference callee && MakesTensor(callee) && !IsRooted(instructions, i))
                {
                    findings.Add($"{method.DeclaringType.FullName}::{method.Name} -> {callee.DeclaringType.Name}::{callee.Name}");
                }
            }
        }

        return findings;
    }

    /// <summary>
    /// The methods that always run inside a DisposeScope: those that open one, and those callable only from this
    /// assembly (helpers, local functions, lambdas) whose every call site is in such a method. A lambda handed to a
    /// method that opens a scope (such as <c>WeightTable.Derived</c>) runs inside that scope.
    /// </summary>
    private static HashSet<MethodDefinition> Scoped(IReadOnlyList<MethodDefinition> methods)
    {
        var scoped = methods.Where(m => m.Body.Instructions.Any(i => CecilInstructions.IsCall(i) && i.Operand is MethodReference { Name: "NewDisposeScope" })).ToHashSet();
        var sites = methods
            .SelectMany(caller => caller.Body.Instructions
                .Where(i => CecilInstructions.IsCall(i) || i.OpCode == OpCodes.Ldftn || i.OpCode == OpCodes.Ldvirtftn)
                .Select(i => (Callee: ((MethodReference)i.Operand).Resolve(), Caller: caller, Instruction: i)))
            .Where(site => site.Callee is not null && !VisibleOutside(site.Callee))
            .ToLookup(site => site.Callee);
        bool InScope((MethodDefinition Callee, MethodDefinition Caller, Instruction Instruction) site) =>
            scoped.Contains(site.Caller) || (!CecilInstructions.IsCall(site.Instruction) && ReceiverOf(site.Instruction) is { } receiver && scoped.Contains(receiver));

        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var method in methods.Where(m => !scoped.Contains(m) && sites[m].Any()))
            {
                if (sites[method].All(InScope))
                {
                    scoped.Add(method);
                    grew = true;
                }
            }
        }

        return scoped;
    }

    /// <summary>The method a delegate made at <paramref name="ldftn"/> is handed to: the next call after it.</summary>
    private static MethodDefinition? ReceiverOf(Instruction ldftn)
    {
        var next = ldftn.Next;
        while (next is not null && (!CecilInstructions.IsCall(next) || next.OpCode == OpCodes.Newobj))
        {
            next = next.Next;
        }

        return (next?.Operand as MethodReference)?.Resolve();
    }

    private static bool VisibleOutside(MethodDefinition method)
    {
        if (!method.IsPublic && !method.IsFamily && !method.IsFamilyOrAssembly)
        {
            return false;
        }

        for (var type = method.DeclaringType; type is not null; type = type.DeclaringType)
        {
            if (!type.IsPublic && !type.IsNestedPublic && !type.IsNestedFamily)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The callee returns a new tensor object: not one it holds in a field (a module's <c>weight</c>) and not itself
    /// (TorchSharp's in-place operations such as <c>mul_</c> return their receiver, rooted or not as the caller made it).
    /// </summary>
    private static bool MakesTensor(MethodReference callee)
    {
        if (!IsTensor(callee.ReturnType))
        {
            return false;
        }

        var body = callee.Resolve() is { HasBody: true } definition ? definition.Body.Instructions : null;
        return body is null || body.Any(i => i.OpCode == OpCodes.Ret && i.Previous.OpCode.Code is not (Code.Ldarg_0 or Code.Ldfld));
    }

    private static bool IsTensor(TypeReference type)
    {
        for (var definition = type.Resolve(); definition is not null; definition = definition.BaseType?.Resolve())
        {
            if (definition.FullName == "TorchSharp.torch/Tensor")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The new tensor goes into a field, a return, a Parameter, or a local the method later disposes, returns or stores.</summary>
    private static bool IsRooted(IList<Instruction> instructions, int index)
    {
        var next = instructions[index + 1];
        while (next.OpCode.Code is Code.Ldc_I4_0 or Code.Ldc_I4_1 or Code.Ldc_I4 or Code.Ldc_I4_S or Code.Ldnull && next.Next is not null)
        {
            next = next.Next; // a constant argument (Parameter's requires_grad) before the call that takes the tensor
        }

        if (next.OpCode.Code is Code.Ret or Code.Stfld or Code.Stsfld
            || next.Operand is MethodReference { Name: "Dispose" }
            || (next.OpCode == OpCodes.Newobj && next.Operand is MethodReference { DeclaringType.Name: "Parameter" }))
        {
            return true;
        }

        return CecilInstructions.StoredAndLater(instructions, index, use => use.Operand is MethodReference { Name: "Dispose" } || use.OpCode.Code is Code.Ret or Code.Stfld);
    }
}
