namespace IssuerSync.Core.Documents;

/// <summary>What is wrong with the outside of a JWKS, before any key is read (<see cref="JwksShape.Check"/>).</summary>
internal enum JwksShapeProblem
{
    None,

    /// <summary>Not an object with a "keys" array.</summary>
    NotJwks,

    /// <summary>A "keys" array without members.</summary>
    NoKeys,

    /// <summary>More keys than the reader accepts.</summary>
    TooManyKeys,
}
