namespace EvGrid.Optimization.Tests.Shared;

/// <summary>
/// Locates the reference data folder (<c>../shared/data</c> beside the repository) for tests that compare
/// against published inputs and results. The libraries never read it: they embed what they ship.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root: the folder that holds <c>EvGrid.Optimization.sln</c>.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Absolute path of a file or folder under <c>../shared/data</c>.</summary>
    public static string Path(params string[] parts)
    {
        var all = new string[parts.Length + 1];
        all[0] = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared", "data"));
        Array.Copy(parts, 0, all, 1, parts.Length);
        var path = System.IO.Path.Combine(all);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"Reference data '{path}' not found: the tests expect ../shared beside the repository.", path);
        }

        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "EvGrid.Optimization.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException(
            $"Could not find EvGrid.Optimization.sln above '{AppContext.BaseDirectory}'.");
    }
}
