namespace Placement.Core.Model;

/// <summary>Whether an endpoint can write its output to the bucket of its own location.</summary>
public enum Persistence
{
    /// <summary>Output is stored in the bucket of the node's own location (VMs, managed cloud services).</summary>
    Native,

    /// <summary>No storage of its own (commercial LLM APIs): output routes back to the primary parent's home.</summary>
    None,
}
