using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Harness.Architecture.Tests;

/// <summary>
/// Which namespace uses which, read from one assembly's metadata: base types, interfaces, attributes, member
/// signatures, locals and every type, method and field token in the IL. Reading the compiled assembly (rather than
/// `using` lines) also sees what a namespace uses from its parent namespace without a `using`.
/// </summary>
internal sealed class NamespaceGraph
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields()
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>from → to → which type of `from` uses which type of `to` (the evidence printed beside a cycle).</summary>
    public Dictionary<string, SortedDictionary<string, SortedSet<string>>> Edges { get; } = new(StringComparer.Ordinal);

    /// <summary>The namespaces the assembly defines types in.</summary>
    public SortedSet<string> Defined { get; } = new(StringComparer.Ordinal);

    public string Assembly { get; }

    private NamespaceGraph(string assembly) => Assembly = assembly;

    public static NamespaceGraph Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var graph = new NamespaceGraph(reader.GetString(reader.GetAssemblyDefinition().Name));
        foreach (var handle in reader.TypeDefinitions)
        {
            graph.ReadType(pe, reader, handle);
        }
        return graph;
    }

    private void ReadType(PEReader pe, MetadataReader reader, TypeDefinitionHandle handle)
    {
        string from = "";
        string typeName = "";
        var collector = new TypeCollector(reader, (to, name) => Add(from, to, $"{typeName} uses {to}.{name}"));
        from = collector.NamespaceOf(handle);
        // <Module>, <PrivateImplementationDetails> and top-level statements live in the global namespace: the entry
        // point may use anything.
        if (from.Length == 0)
        {
            return;
        }
        Defined.Add(from);
        var type = reader.GetTypeDefinition(handle);
        typeName = Outermost(reader, type);

        if (!type.BaseType.IsNil)
        {
            collector.Type(type.BaseType);
        }
        foreach (var implementation in type.GetInterfaceImplementations())
        {
            collector.Type(reader.GetInterfaceImplementation(implementation).Interface);
        }
        Attributes(reader, collector, type.GetCustomAttributes());
        foreach (var parameter in type.GetGenericParameters())
        {
            foreach (var constraint in reader.GetGenericParameter(parameter).GetConstraints())
            {
                collector.Type(reader.GetGenericParameterConstraint(constraint).Type);
            }
        }
        foreach (var fieldHandle in type.GetFields())
        {
            var field = reader.GetFieldDefinition(fieldHandle);
            field.DecodeSignature(collector, null);
            Attributes(reader, collector, field.GetCustomAttributes());
        }
        foreach (var propertyHandle in type.GetProperties())
        {
            var property = reader.GetPropertyDefinition(propertyHandle);
            property.DecodeSignature(collector, null);
            Attributes(reader, collector, property.GetCustomAttributes());
        }
        foreach (var methodHandle in type.GetMethods())
        {
            var method = reader.GetMethodDefinition(methodHandle);
            method.DecodeSignature(collector, null);
            Attributes(reader, collector, method.GetCustomAttributes());
            foreach (var parameter in method.GetParameters())
            {
                Attributes(reader, collector, reader.GetParameter(parameter).GetCustomAttributes());
            }
            if (method.RelativeVirtualAddress != 0)
            {
                Body(reader, collector, pe.GetMethodBody(method.RelativeVirtualAddress));
            }
        }
    }

    private static string Outermost(MetadataReader reader, TypeDefinition type)
    {
        while (type.GetDeclaringType() is { IsNil: false } outer)
        {
            type = reader.GetTypeDefinition(outer);
        }
        return reader.GetString(type.Name);
    }

    private static void Attributes(MetadataReader reader, TypeCollector collector, CustomAttributeHandleCollection attributes)
    {
        foreach (var handle in attributes)
        {
            Member(reader, collector, reader.GetCustomAttribute(handle).Constructor);
        }
    }

    private static void Member(MetadataReader reader, TypeCollector collector, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification:
                collector.Type(handle);
                break;
            case HandleKind.MethodDefinition:
                collector.Type(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.FieldDefinition:
                collector.Type(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                Member(reader, collector, member.Parent);
                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    member.DecodeMethodSignature(collector, null);
                }
                else
                {
                    member.DecodeFieldSignature(collector, null);
                }
                break;
            case HandleKind.MethodSpecification:
                var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                Member(reader, collector, specification.Method);
                specification.DecodeSignature(collector, null);
                break;
        }
    }

    private static void Body(MetadataReader reader, TypeCollector collector, MethodBodyBlock body)
    {
        if (!body.LocalSignature.IsNil)
        {
            reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(collector, null);
        }
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (short)(0xFE00 | il.ReadByte());
            }
            switch (Operands[code])
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    Member(reader, collector, MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    // Read the count first: `Offset += 4 * ReadInt32()` would read Offset before the count moves it.
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                default:
                    il.Offset += 4;
                    break;
            }
        }
    }

    private void Add(string from, string to, string type)
    {
        if (to.Length == 0 || to == from)
        {
            return;
        }
        if (!Edges.TryGetValue(from, out var targets))
        {
            Edges[from] = targets = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        }
        if (!targets.TryGetValue(to, out var uses))
        {
            targets[to] = uses = new SortedSet<string>(StringComparer.Ordinal);
        }
        uses.Add(type);
    }
}
