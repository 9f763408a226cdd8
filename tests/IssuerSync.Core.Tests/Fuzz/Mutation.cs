namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>One named change to an input; the names of the changes applied are printed with a failing input.</summary>
internal sealed record Mutation(string Name, Func<byte[], byte[]> Apply)
{
    public override string ToString() => Name;
}
