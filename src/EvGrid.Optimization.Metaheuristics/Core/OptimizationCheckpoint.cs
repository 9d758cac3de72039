using System.Text.Json;
using System.Text.Json.Serialization;

namespace EvGrid.Optimization.Metaheuristics;

/// <summary>
/// The complete state of a run between iterations, as System.Text.Json. Doubles are written in shortest round-trip
/// form (±∞ and NaN as named literals), so a resumed run is bit-identical to an uninterrupted one.
/// </summary>
public sealed class OptimizationCheckpoint
{
    /// <summary>Serializer settings used for checkpoints (named floating-point literals allowed, camelCase).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    /// <summary>Checkpoint format version.</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>Optimizer name.</summary>
    public required string Optimizer { get; init; }

    /// <summary>Problem name.</summary>
    public required string Problem { get; init; }

    /// <summary>Problem dimension.</summary>
    public required int Dimension { get; init; }

    /// <summary>Number of objectives.</summary>
    public required int ObjectiveCount { get; init; }

    /// <summary>The run's seed.</summary>
    public required long Seed { get; init; }

    /// <summary>Stopping criteria of the run.</summary>
    public required StoppingCriteria Stopping { get; init; }

    /// <summary>Iterations completed.</summary>
    public required int Iteration { get; init; }

    /// <summary>Evaluations used.</summary>
    public required long Evaluations { get; init; }

    /// <summary>Wall time used, in ticks of 100 ns.</summary>
    public required long ElapsedTicks { get; init; }

    /// <summary>Whether the initial population has been evaluated.</summary>
    public required bool Initialized { get; init; }

    /// <summary>Reference value of the stagnation test.</summary>
    public required double StagnationReference { get; init; }

    /// <summary>Iterations without improvement.</summary>
    public required int IterationsWithoutImprovement { get; init; }

    /// <summary>Generator state.</summary>
    public required RandomSourceState Random { get; init; }

    /// <summary>Convergence history so far.</summary>
    public required IReadOnlyList<ConvergencePoint> History { get; init; }

    /// <summary>Algorithm-specific state (populations, memories, archives).</summary>
    public required JsonElement State { get; init; }

    /// <summary>Serialises the checkpoint.</summary>
    /// <returns>JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a checkpoint written by <see cref="ToJson"/>.</summary>
    /// <param name="json">JSON text.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="FormatException">The text is not a checkpoint.</exception>
    public static OptimizationCheckpoint FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<OptimizationCheckpoint>(json, JsonOptions)
                   ?? throw new FormatException("Checkpoint JSON is null.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Checkpoint JSON is invalid: {ex.Message}", ex);
        }
    }
}
