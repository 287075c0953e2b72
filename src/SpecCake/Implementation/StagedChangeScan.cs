using SpecCake.Configuration;

namespace SpecCake.Implementation;

/// <summary>
/// The last check before every commit: the staged change (each file's name and every added line,
/// binary files as text) must not hold the value of any secret SpecCake knows — the configured
/// integrations', <c>GITHUB_TOKEN</c>, <c>ANTHROPIC_API_KEY</c>, and credentials in the clone's
/// git configuration. The agent can read its own key and the verify commands run its code, so a
/// change that copies one is caught here, before anything is committed or pushed.
/// </summary>
internal static class StagedChangeScan
{
    private const string FileHeader = "diff --git ";

    /// <summary>The first file whose name or added lines hold a secret (its name masked), or null.</summary>
    /// <param name="diffFile">The staged change, as <see cref="GitWorkspace.WriteStagedChangeAsync"/> wrote it.</param>
    /// <param name="secrets">Every secret value to look for.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    public static async Task<string?> FindSecretAsync(string diffFile, SecretMasker secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        string? file = null;
        using var reader = new StreamReader(diffFile, new System.Text.UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: false);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith(FileHeader, StringComparison.Ordinal))
            {
                file = FileName(line);
                if (secrets.Reveals(line))
                {
                    return secrets.Apply(file);
                }
            }
            else if ((line.StartsWith('+') && !line.StartsWith("+++ ", StringComparison.Ordinal)) || line.StartsWith("rename ", StringComparison.Ordinal) || line.StartsWith("Binary files ", StringComparison.Ordinal))
            {
                if (secrets.Reveals(line))
                {
                    return secrets.Apply(file ?? "(a staged file)");
                }
            }
        }

        return null;
    }

    // "diff --git a/path b/path": the new name (git writes unusual names quoted).
    private static string FileName(string header)
    {
        var names = header[FileHeader.Length..];
        var newName = names.LastIndexOf(" b/", StringComparison.Ordinal);
        return newName >= 0 ? names[(newName + 3)..].Trim('"') : names;
    }
}
