using YamlDotNet.Core;

namespace Placement.Data.Scenarios;

/// <summary>
/// A cheap scan for flow collections nested absurdly deep (<c>[[[[...</c>), which would overflow the stack of the
/// recursive YAML loader. Brackets inside quoted scalars and comments are not counted; the scan over-counts brackets in
/// plain scalars, which only matters beyond <see cref="MaxDepth"/> of them.
/// </summary>
internal static class YamlDepth
{
    /// <summary>Deepest flow nesting accepted.</summary>
    public const int MaxDepth = 100;

    /// <summary>The position where the nesting passes <see cref="MaxDepth"/>, or null.</summary>
    public static Mark? TooDeep(string text)
    {
        var depth = 0;
        var line = 1;
        var column = 0;
        var quote = '\0';
        var comment = false;
        var previous = '\n';
        var significant = '\n';

        // Block sequences and complex keys written on one line ("- - - - x") nest without indentation.
        var markers = 0;
        var onlyMarkers = true;
        foreach (var c in text)
        {
            column++;
            if (c == '\n')
            {
                line++;
                column = 0;
                comment = false;
                markers = 0;
                onlyMarkers = true;
            }
            else if (comment)
            {
            }
            else if (quote != '\0')
            {
                if (c == quote && previous != '\\')
                {
                    quote = '\0';
                }
            }
            else if (c is '\'' or '"' && significant is ':' or '-' or '[' or '{' or ',' or '?' or '\n')
            {
                quote = c;
            }
            else if (c == '#' && (previous is ' ' or '\t' or '\n'))
            {
                comment = true;
            }
            else if (c is '[' or '{')
            {
                if (++depth > MaxDepth)
                {
                    return new Mark(0, line, column);
                }
            }
            else if (c is ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }

            if (onlyMarkers && quote == '\0' && !comment && c is not (' ' or '\t' or '\n'))
            {
                if (c is '-' or '?' && previous is ' ' or '\t' or '\n')
                {
                    if (++markers > MaxDepth)
                    {
                        return new Mark(0, line, column);
                    }
                }
                else
                {
                    onlyMarkers = false;
                }
            }

            previous = c;
            if (c is not (' ' or '\t'))
            {
                significant = c;
            }
        }

        return null;
    }
}
