namespace SpecCake.Validation;

/// <summary>Finds the valid name a user most likely meant, for "did you mean ...?" hints.</summary>
internal static class ClosestMatch
{
    /// <summary>The candidate closest to <paramref name="typed"/>, when it is close enough to be a typo.</summary>
    public static string? Find(string typed, IEnumerable<string> candidates)
    {
        // An abbreviation ("feat" for "feature", "impl" for "implemented") is as good as a typo.
        var list = candidates as IReadOnlyCollection<string> ?? candidates.ToArray();
        if (typed.Length >= 3 && list.Where(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).ToArray() is [var only])
        {
            return only;
        }

        // Under three characters everything is "close": "P9" is not a typo of "P1". Far longer than
        // any valid name, it is no typo either (and the distance table would grow with it).
        if (typed.Length < 3 || typed.Length > 100)
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in list)
        {
            var distance = Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // A third of the longer name, at least 2 edits: "notfy_on" → "notify_on", "sevrity" → "severity",
        // but "colour" is not taken for "channel".
        var allowed = best is null ? 0 : Math.Max(2, Math.Max(typed.Length, best.Length) / 3);
        return best is not null && bestDistance <= allowed ? best : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
