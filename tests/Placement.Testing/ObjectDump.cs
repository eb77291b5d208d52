using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Placement.Testing;

/// <summary>
/// A deep text dump of an object graph of records, lists and dictionaries (public properties by name, items and
/// entries in order, values invariant), so two scenarios read different ways can be compared field by field: records
/// holding lists compare lists by reference, which says nothing about their content.
/// </summary>
public static class ObjectDump
{
    public static string Of(object? value)
    {
        var text = new StringBuilder();
        Write(text, value, 0);
        return text.ToString();
    }

    private static void Write(StringBuilder text, object? value, int depth)
    {
        if (depth > 32)
        {
            throw new InvalidOperationException("Object graph too deep (a cycle?).");
        }

        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case string s:
                text.Append('"').Append(s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                return;
            case IFormattable f when value.GetType().IsPrimitive || value is decimal || value.GetType().IsEnum:
                text.Append(f.ToString(null, CultureInfo.InvariantCulture));
                return;
            case bool b:
                text.Append(b ? "true" : "false");
                return;
            case IDictionary d:
                text.Append('{');
                foreach (DictionaryEntry e in d)
                {
                    Write(text, e.Key, depth + 1);
                    text.Append(':');
                    Write(text, e.Value, depth + 1);
                    text.Append(',');
                }

                text.Append('}');
                return;
            case IEnumerable items:
                text.Append('[');
                foreach (var item in items)
                {
                    Write(text, item, depth + 1);
                    text.Append(',');
                }

                text.Append(']');
                return;
        }

        var type = value.GetType();
        text.Append(type.Name).Append('(');
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (p.Name == "EqualityContract")
            {
                continue;
            }

            text.Append(p.Name).Append('=');
            Write(text, p.GetValue(value), depth + 1);
            text.Append(';');
        }

        text.Append(')');
    }
}
