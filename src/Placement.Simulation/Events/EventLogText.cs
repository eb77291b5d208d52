using System.Globalization;
using System.Text;
using Placement.Core.Text;
using Placement.Simulation.Setup;

namespace Placement.Simulation.Events;

/// <summary>
/// Renders events as JSON lines with names instead of indices, e.g.
/// <c>{"t":12.5,"seq":7,"event":"task-started","node":"split","attempt":1}</c>. Times use the shortest
/// round-trip form, so the same run always gives the same text. Also an <see cref="IEventSink"/> that
/// collects lines in memory.
/// </summary>
public sealed class EventLogText(SimulationModel model) : IEventSink
{
    private readonly StringBuilder text = new();

    /// <summary>Lines recorded so far, each ending with LF.</summary>
    public string Text => text.ToString();

    /// <inheritdoc />
    public void Record(double seconds, long sequence, SimulationEvent simulationEvent) =>
        text.Append(Line(model, seconds, sequence, simulationEvent)).Append('\n');

    /// <summary>One JSON line (without the newline).</summary>
    public static string Line(SimulationModel model, double seconds, long sequence, SimulationEvent e)
    {
        var sb = new StringBuilder(96);
        sb.Append("{\"t\":").Append(seconds.ToString("R", CultureInfo.InvariantCulture))
            .Append(",\"seq\":").Append(sequence.ToString(CultureInfo.InvariantCulture))
            .Append(",\"event\":\"").Append(e.Kind).Append('"');
        switch (e)
        {
            case DataStored d:
                Field(sb, "data", model.ItemName(d.Item));
                Field(sb, "at", model.LocationArray[model.ItemHome[d.Item]].ToString());
                break;
            case TransferStarted s:
                Move(sb, model, s.Move);
                break;
            case TransferStreaming s:
                Move(sb, model, s.Move);
                break;
            case TransferFinished f:
                Move(sb, model, f.Move);
                break;
            case LinkDrained l:
                sb.Append(",\"link\":").Append(l.Link.ToString(CultureInfo.InvariantCulture));
                break;
            case TaskReady r:
                Field(sb, "node", model.NodeName(r.Node));
                break;
            case TaskQueued q:
                Field(sb, "node", model.NodeName(q.Node));
                sb.Append(",\"attempt\":").Append(q.Attempt.ToString(CultureInfo.InvariantCulture));
                break;
            case TaskStarted s:
                Field(sb, "node", model.NodeName(s.Node));
                Field(sb, "at", model.LocationArray[model.Nodes[s.Node].Location].ToString());
                sb.Append(",\"attempt\":").Append(s.Attempt.ToString(CultureInfo.InvariantCulture));
                break;
            case TaskFinished f:
                Field(sb, "node", model.NodeName(f.Node));
                sb.Append(",\"attempt\":").Append(f.Attempt.ToString(CultureInfo.InvariantCulture));
                break;
            case TaskRetry r:
                Field(sb, "node", model.NodeName(r.Node));
                sb.Append(",\"attempt\":").Append(r.Attempt.ToString(CultureInfo.InvariantCulture));
                break;
            case TaskAbandoned a:
                Field(sb, "node", model.NodeName(a.Node));
                break;
        }

        return sb.Append('}').ToString();
    }

    private static void Move(StringBuilder sb, SimulationModel model, int move)
    {
        var (data, from, to, routeBack) = model.Move(move);
        Field(sb, "data", data);
        Field(sb, "from", from.ToString());
        Field(sb, "to", to.ToString());
        if (routeBack)
        {
            sb.Append(",\"routeBack\":true");
        }
    }

    private static void Field(StringBuilder sb, string name, string value) =>
        sb.Append(",\"").Append(name).Append("\":").Append(JsonString.Quote(value));
}
