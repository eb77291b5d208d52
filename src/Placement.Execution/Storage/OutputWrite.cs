namespace Placement.Execution.Storage;

/// <summary>How a node's new output meets the object already at its home.</summary>
public enum OutputWriteMode
{
    /// <summary>No object yet: create it.</summary>
    Create,

    /// <summary>An object exists and the node does not reuse storage: recreate it (replace).</summary>
    Replace,

    /// <summary>An object exists and the node reuses storage: keep it and append the new output.</summary>
    Append,
}

/// <summary>The create-or-reuse rule of cost-model.md (Re-execution), as a pure function.</summary>
public static class OutputWrite
{
    /// <summary>
    /// Decides for a node flagged <paramref name="reuseStorage"/> whose output object does or does not
    /// <paramref name="exists"/> at its home: reuse + exists appends; otherwise create or replace.
    /// </summary>
    public static OutputWriteMode Decide(bool reuseStorage, bool exists) => (reuseStorage, exists) switch
    {
        (_, false) => OutputWriteMode.Create,
        (false, true) => OutputWriteMode.Replace,
        (true, true) => OutputWriteMode.Append,
    };
}
