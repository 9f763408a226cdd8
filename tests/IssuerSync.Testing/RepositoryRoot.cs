namespace IssuerSync.Testing;

/// <summary>Finds the repository (the folder holding IssuerSync.sln) from the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "IssuerSync.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IssuerSync.sln not found above " + AppContext.BaseDirectory);
    }
}
