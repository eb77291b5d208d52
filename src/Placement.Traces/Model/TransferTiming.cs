namespace Placement.Traces.Model;

/// <summary>The values of a transfer's <c>timing</c> field (<see cref="TraceTransfer.Timing"/>).</summary>
public static class TransferTiming
{
    /// <summary>Start and end were read from the executor's clock when the move started and ended.</summary>
    public const string Measured = "measured";

    /// <summary>Only the duration was recorded; the move is placed next to its producer or consumer.</summary>
    public const string Placed = "placed";
}
