namespace EvGrid.Optimization.Metaheuristics.Registry;

/// <summary>Which problems an optimizer handles.</summary>
public enum ObjectiveSupport
{
    /// <summary>One objective only.</summary>
    Single = 1,

    /// <summary>Several objectives (a Pareto archive).</summary>
    Multi = 2,

    /// <summary>Both.</summary>
    Any = 3,
}

/// <summary>Creates fresh instances of one named optimizer; registered in DI and collected by
/// <see cref="IOptimizerRegistry"/>.</summary>
public interface IOptimizerFactory
{
    /// <summary>Registry name (matched case-insensitively, e.g. <c>pso</c>).</summary>
    string Name { get; }

    /// <summary>One-line description for listings.</summary>
    string Description { get; }

    /// <summary>Which problems the optimizer handles.</summary>
    ObjectiveSupport Objectives { get; }

    /// <summary>Creates an optimizer with its default options.</summary>
    /// <returns>A new optimizer.</returns>
    IOptimizer Create();
}

/// <summary>An <see cref="IOptimizerFactory"/> from a delegate.</summary>
public sealed class OptimizerFactory : IOptimizerFactory
{
    private readonly Func<IOptimizer> _create;

    /// <summary>Creates the factory.</summary>
    /// <param name="name">Registry name (letters, digits, '-', '_', '.').</param>
    /// <param name="description">One-line description.</param>
    /// <param name="objectives">Which problems the optimizer handles.</param>
    /// <param name="create">Creates an optimizer with default options.</param>
    public OptimizerFactory(string name, string description, ObjectiveSupport objectives, Func<IOptimizer> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(create);
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new ArgumentException(
                    $"Optimizer name '{name}' may contain only letters, digits, '-', '_' and '.'.", nameof(name));
            }
        }

        Name = name;
        Description = description;
        Objectives = objectives;
        _create = create;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public ObjectiveSupport Objectives { get; }

    /// <inheritdoc />
    public IOptimizer Create() => _create();
}

/// <summary>Every optimizer known to the application, by name: built-in ones and plug-ins alike.</summary>
public interface IOptimizerRegistry
{
    /// <summary>All factories, sorted by name.</summary>
    IReadOnlyList<IOptimizerFactory> Factories { get; }

    /// <summary>Looks a factory up by name (case-insensitive).</summary>
    /// <param name="name">Optimizer name.</param>
    /// <param name="factory">The factory when found.</param>
    /// <returns>Whether it was found.</returns>
    bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IOptimizerFactory? factory);

    /// <summary>Creates an optimizer by name.</summary>
    /// <param name="name">Optimizer name.</param>
    /// <returns>A new optimizer with default options.</returns>
    /// <exception cref="ArgumentException">No optimizer has that name (the message lists the known ones).</exception>
    IOptimizer Create(string name);
}

/// <summary>The default <see cref="IOptimizerRegistry"/>: collects every <see cref="IOptimizerFactory"/> it is given
/// (in DI: every registered one).</summary>
public sealed class OptimizerRegistry : IOptimizerRegistry
{
    private readonly Dictionary<string, IOptimizerFactory> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds the registry.</summary>
    /// <param name="factories">The factories; names must be unique (case-insensitive).</param>
    /// <exception cref="ArgumentException">Two factories share a name.</exception>
    public OptimizerRegistry(IEnumerable<IOptimizerFactory> factories)
    {
        ArgumentNullException.ThrowIfNull(factories);
        foreach (var f in factories)
        {
            if (!_byName.TryAdd(f.Name, f))
            {
                throw new ArgumentException($"Two optimizers are registered under the name '{f.Name}'.", nameof(factories));
            }
        }

        Factories = _byName.Values.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<IOptimizerFactory> Factories { get; }

    /// <inheritdoc />
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IOptimizerFactory? factory)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name.Trim(), out factory);
    }

    /// <inheritdoc />
    public IOptimizer Create(string name)
    {
        if (!TryGet(name, out var f))
        {
            throw new ArgumentException(
                $"Unknown optimizer '{name}'. Known: {string.Join(", ", Factories.Select(x => x.Name))}.", nameof(name));
        }

        return f.Create();
    }
}
