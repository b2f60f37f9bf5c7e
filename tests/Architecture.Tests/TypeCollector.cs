using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Harness.Architecture.Tests;

/// <summary>Decodes signatures and reports every named type they mention; the decoded value itself is not needed.</summary>
internal sealed class TypeCollector(MetadataReader reader, Action<string, string> found) : ISignatureTypeProvider<bool, object?>
{
    public void Type(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                Found((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeReference:
                Found((TypeReferenceHandle)handle);
                break;
            case HandleKind.TypeSpecification:
                reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                break;
        }
    }

    private void Found(TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } outer)
        {
            type = reader.GetTypeDefinition(outer);
        }
        found(reader.GetString(type.Namespace), reader.GetString(type.Name));
    }

    private void Found(TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        while (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            type = reader.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
        }
        found(reader.GetString(type.Namespace), reader.GetString(type.Name));
    }

    /// <summary>A nested type lives in its outermost declaring type's namespace (closures, state machines).</summary>
    public string NamespaceOf(TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } outer)
        {
            type = reader.GetTypeDefinition(outer);
        }
        return reader.GetString(type.Namespace);
    }

    public string NamespaceOf(TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        while (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            type = reader.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
        }
        return reader.GetString(type.Namespace);
    }

    public bool GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        Found(handle);
        return true;
    }

    public bool GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind)
    {
        Found(handle);
        return true;
    }

    public bool GetTypeFromSpecification(MetadataReader r, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public bool GetArrayType(bool elementType, ArrayShape shape) => true;
    public bool GetByReferenceType(bool elementType) => true;
    public bool GetFunctionPointerType(MethodSignature<bool> signature) => true;
    public bool GetGenericInstantiation(bool genericType, ImmutableArray<bool> typeArguments) => true;
    public bool GetGenericMethodParameter(object? genericContext, int index) => true;
    public bool GetGenericTypeParameter(object? genericContext, int index) => true;
    public bool GetModifiedType(bool modifier, bool unmodifiedType, bool isRequired) => true;
    public bool GetPinnedType(bool elementType) => true;
    public bool GetPointerType(bool elementType) => true;
    public bool GetPrimitiveType(PrimitiveTypeCode typeCode) => true;
    public bool GetSZArrayType(bool elementType) => true;
}
