namespace EvGrid.Optimization.Network;

/// <summary>
/// Thrown when a network cannot be built or solved as given: the message names the element (bus, branch, load …)
/// and the offending value.
/// </summary>
public sealed class NetworkValidationException : ArgumentException
{
    /// <summary>Creates an exception with a message.</summary>
    public NetworkValidationException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong, naming the element and value.</param>
    public NetworkValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">What is wrong, naming the element and value.</param>
    /// <param name="innerException">The cause.</param>
    public NetworkValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the element at fault.</summary>
    /// <param name="element">The element, e.g. <c>branch 7 (7→8)</c>.</param>
    /// <param name="message">What is wrong with it, including the value.</param>
    public NetworkValidationException(string element, string message)
        : base($"{element}: {message}")
    {
        Element = element;
    }

    /// <summary>Creates an exception naming the element at fault, with the cause.</summary>
    /// <param name="element">The element, e.g. <c>configuration 601</c>.</param>
    /// <param name="message">What is wrong with it, including the value.</param>
    /// <param name="innerException">The cause.</param>
    public NetworkValidationException(string element, string message, Exception innerException)
        : base($"{element}: {message}", innerException)
    {
        Element = element;
    }

    /// <summary>The element at fault (e.g. <c>bus 18</c>, <c>branch 7 (7→8)</c>), when known.</summary>
    public string? Element { get; }
}
