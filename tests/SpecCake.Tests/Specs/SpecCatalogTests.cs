using SpecCake.Specs;
using SpecCake.Tests.Configuration;

namespace SpecCake.Tests.Specs;

public sealed class SpecCatalogTests
{
    /// <summary>A bad spec file (always named FEAT-0001.yaml), where the error must be, and what it must say.</summary>
    public static TheoryData<string, int, int, string> BadSpecs() => new()
    {
        { "title: No id\nstatus: draft\n", 1, 1, "missing required key 'id'" },
        { "id: FEAT-0001\nstatus: draft\n", 1, 1, "missing required key 'title'" },
        { "id: FEAT-0001\ntitle: t\n", 1, 1, "missing required key 'status'" },
        { "id: FEAT-0001\ntitle: t\nstatus: done\n", 3, 9, "status has the invalid value 'done'; valid values: draft, review, approved, implemented" },
        { "id: FEAT-0001\ntitle: t\nstatus: aproved\n", 3, 9, "did you mean 'approved'?" },
        { "id: FEAT-0001\ntitle: t\nstatus: draft\ntype: feat\n", 4, 7, "type has the invalid value 'feat'; did you mean 'feature'? valid values: feature, bug, chore, incident" },
        { "id: FEAT-0001\ntitle: t\nstatus: draft\nseverity: SEV5\n", 4, 11, "severity has the invalid value 'SEV5'" },
        { "id: FEAT-0001\ntitle: t\nstatus: draft\nreviewers: \"@alice\"\n", 4, 12, "reviewers must be a list, not the text '@alice'" },
        { "id: FEAT-0001\ntitle: 42\nstatus: draft\n", 2, 8, "title must be text, not the number 42; put it in quotes" },
        { "id: FEAT-0001\ntitle: \"\"\nstatus: draft\n", 2, 8, "title must not be empty" },
        { "id: FEAT-0001\ntitle: t\nstatus: draft\ntitel: x\n", 4, 1, "unknown key 'titel' at the top level; did you mean 'title'?" },
        { "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria:\n  - id: AC-1\n    txt: Users sign in\n", 6, 5, "unknown key 'txt' in acceptance_criteria[0]; did you mean 'text'?" },
        { "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria:\n  - id: AC-1\n", 5, 5, "missing required key 'text' in acceptance_criteria[0]" },
        { "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria:\n  - 5\n", 5, 5, "acceptance_criteria[0] must be text or a mapping of keys to values, not the number 5" },
        { "id: FEAT-0001\ntitle: t\nstatus: draft\nacceptance_criteria: [{id: criterion, text: x}]\n", 4, 28, "acceptance_criteria[0].id has the invalid value 'criterion': acceptance criterion IDs look like AC-1" },
        { "id: feat-1\ntitle: t\nstatus: draft\n", 1, 5, "id has the invalid value 'feat-1': spec IDs look like PREFIX-NNNN, e.g. FEAT-0001" },
        { "id: FEAT-0002\ntitle: t\nstatus: draft\n", 1, 5, "id 'FEAT-0002' does not match the file name 'FEAT-0001.yaml'; rename the file to FEAT-0002.yaml or set id: FEAT-0001" },
        { "id: FEAT-0001\ntitle: \"unterminated\nstatus: draft\n", 2, 8, "YAML syntax error:" },
        { "id: FEAT-0001\n title: t\n", 2, 7, "YAML syntax error:" },
        { "id: FEAT-0001\ntitle: t\nstatus: draft\nstatus: review\n", 4, 1, "duplicate key 'status' (first defined at line 3)" },
        { "- id: FEAT-0001\n", 1, 1, "a spec must be a mapping of keys (id, title, status, ...), not a list or a single value" },
        { "# nothing here\n", 0, 0, "the spec file is empty; a spec needs at least id, title and status" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void Load_BadSpec_ReportsTheProblemAtItsLineAndColumn(string yaml, int line, int column, string message)
    {
        using var tree = new SpecRepository().Write("specs/features/FEAT-0001.yaml", yaml);

        var catalog = SpecCatalog.Load(tree.Path, ["specs/**/*.yaml"], string.Empty);

        Assert.Empty(catalog.Specs);
        Assert.Contains(catalog.Errors, e => e.File == "specs/features/FEAT-0001.yaml" && e.Line == line && e.Column == column && e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(["specs/features/FEAT-0001.yaml"], catalog.InvalidFiles);
    }

    [Fact]
    public void Load_RepositorySpecs_AreValid()
    {
        var catalog = SpecCatalog.Load(TestConfig.RepositoryRoot(), ["specs/**/*.yaml"], string.Empty);

        Assert.Empty(catalog.Errors.Select(e => e.ToString()));
        Assert.InRange(catalog.Specs.Count, 3, 5);
        var auth = catalog.Find("FEAT-0001")!;
        Assert.Equal("User Authentication", auth.Title);
        Assert.Equal(SpecStatus.Approved, auth.Status);
        Assert.Equal("specs/features/FEAT-0001.yaml", auth.File);
        var incident = catalog.Specs.Single(s => s.Type == SpecType.Incident);
        Assert.Equal(SpecSeverity.Sev1, incident.Severity);
        Assert.All(catalog.Files, file => Assert.StartsWith("# yaml-language-server: $schema=../../schemas/spec.schema.json", File.ReadAllText(Path.Combine(TestConfig.RepositoryRoot(), file)), StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DuplicateIds_NamesBothPlaces()
    {
        using var tree = new SpecRepository()
            .Write("specs/features/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001"))
            .Write("specs/archive/FEAT-0001.yaml", "# old copy\nid:   FEAT-0001\ntitle: Old\nstatus: implemented\n");

        var catalog = SpecCatalog.Load(tree.Path, ["specs/**/*.yaml"], string.Empty);

        Assert.Equal(
            [
                "specs/archive/FEAT-0001.yaml:2:7: duplicate spec ID 'FEAT-0001': also used by specs/features/FEAT-0001.yaml:1:5; IDs must be unique across all spec files",
                "specs/features/FEAT-0001.yaml:1:5: duplicate spec ID 'FEAT-0001': also used by specs/archive/FEAT-0001.yaml:2:7; IDs must be unique across all spec files",
            ],
            catalog.Errors.Select(e => e.ToString()));
        Assert.Empty(catalog.Specs);
    }

    [Fact]
    public void Load_ManyBadFiles_ReportsEveryErrorOfEveryFile()
    {
        using var tree = new SpecRepository()
            .Write("specs/a/FEAT-0001.yaml", "id: FEAT-0001\ntitle: 1\nstatus: done\n")
            .Write("specs/b/BUG-0001.yaml", "id: BUG-0002\ntitle: t\nstatus: draft\nlabls: []\n")
            .Write("specs/c/OK-0001.yaml", SpecRepository.MinimalSpec("OK-0001"));

        var catalog = SpecCatalog.Load(tree.Path, ["specs/**/*.yaml"], string.Empty);

        Assert.Equal(
            [
                "specs/a/FEAT-0001.yaml:2:8", "specs/a/FEAT-0001.yaml:3:9",
                "specs/b/BUG-0001.yaml:1:5", "specs/b/BUG-0001.yaml:4:1",
            ],
            catalog.Errors.Select(e => $"{e.File}:{e.Line}:{e.Column}"));
        Assert.Equal("OK-0001", Assert.Single(catalog.Specs).Id);
    }

    [Fact]
    public void Load_PlainStringCriteria_GetPositionalIds()
    {
        using var tree = new SpecRepository().Write("specs/FEAT-0009.yaml", "id: FEAT-0009\ntitle: t\nstatus: draft\nacceptance_criteria:\n  - First\n  - id: AC-7\n    text: Second\n  - Third\n");

        var spec = Assert.Single(SpecCatalog.Load(tree.Path, ["specs/**/*.yaml"], string.Empty).Specs);

        Assert.Equal(
            [new AcceptanceCriterion("AC-1", "First"), new AcceptanceCriterion("AC-7", "Second"), new AcceptanceCriterion("AC-3", "Third")],
            spec.AcceptanceCriteria);
    }

    [Fact]
    public void Load_Globs_MatchNestedFilesOnlyWithTheGivenExtension()
    {
        using var tree = new SpecRepository()
            .Write("specs/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001"))
            .Write("specs/a/b/c/FEAT-0002.yaml", SpecRepository.MinimalSpec("FEAT-0002"))
            .Write("specs/a/README.md", "not a spec")
            .Write("specs/a/FEAT-0003.yml", SpecRepository.MinimalSpec("FEAT-0003"))
            .Write("other/FEAT-0004.yaml", SpecRepository.MinimalSpec("FEAT-0004"));

        Assert.Equal(["FEAT-0001", "FEAT-0002"], SpecCatalog.Load(tree.Path, ["specs/**/*.yaml"], string.Empty).Specs.Select(s => s.Id));
        Assert.Equal(["FEAT-0003"], SpecCatalog.Load(tree.Path, ["specs/*/*.yml"], string.Empty).Specs.Select(s => s.Id));
        Assert.Equal(["FEAT-0001", "FEAT-0002", "FEAT-0003", "FEAT-0004"], SpecCatalog.Load(tree.Path, ["**/*.{yaml,yml}"], string.Empty).Specs.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["FEAT-0004"], SpecCatalog.Load(tree.Path, ["other/FEAT-0004.yaml"], string.Empty).Specs.Select(s => s.Id));
    }

    [Fact]
    public void Load_AliasBomb_OneLocatedErrorInsteadOfExpandingIt()
    {
        // 9^5 copies of "lol" (depth 9 is 387 million): counted as copies, refused at the alias that passes the bound.
        var bomb = "x-0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + string.Concat(Enumerable.Range(1, 5).Select(level => $"x-{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n"));
        using var tree = new SpecRepository().Write("specs/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001") + bomb);

        var catalog = SpecCatalog.Load(tree.Path, ["specs/**/*.yaml"], string.Empty);

        var error = Assert.Single(catalog.Errors);
        Assert.Equal((8, 11), (error.Line, error.Column));
        Assert.StartsWith("the alias '*a3' would make the file more than 10,000 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileLargerThanASpecMayBe_OneErrorNamingTheLimit()
    {
        using var tree = new SpecRepository().Write("specs/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001") + "description: " + new string('x', 3 << 20) + "\n");

        var catalog = SpecCatalog.Load(tree.Path, ["specs/**/*.yaml"], string.Empty);

        Assert.Equal("specs/FEAT-0001.yaml: is 3 MiB, more than the 1 MiB a spec file may have; a spec file is a few KB of YAML", Assert.Single(catalog.Errors).ToString());
    }

    [Fact]
    public void Load_ThousandsOfUnknownKeys_ListsTheFirstAndCountsTheRest()
    {
        using var tree = new SpecRepository().Write("specs/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001") + string.Concat(Enumerable.Range(0, 3000).Select(i => $"k{i}: {i}\n")));

        var catalog = SpecCatalog.Load(tree.Path, ["specs/**/*.yaml"], string.Empty);

        Assert.Equal(SpecCatalog.MaxErrorsPerFile + 1, catalog.Errors.Count);
        Assert.StartsWith("specs/FEAT-0001.yaml:4:1: unknown key 'k0' at the top level", catalog.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Equal("specs/FEAT-0001.yaml: ... and 2,980 more problems in this file; fix the ones above and run again", catalog.Errors[^1].ToString());
    }

    [Theory]
    [InlineData(new byte[] { 0x69, 0x64, 0x3A, 0x20, 0xC3, 0x28 }, 1, 5)]
    [InlineData(new byte[] { 0x23, 0x0A, 0x23, 0x20, 0xFF }, 2, 3)]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x69, 0x00 }, 1, 1)]
    public void Load_InvalidUtf8_ErrorAtTheFirstBadByte(byte[] bytes, int line, int column)
    {
        using var tree = new SpecRepository();
        Directory.CreateDirectory(Path.Combine(tree.Path, "specs"));
        File.WriteAllBytes(Path.Combine(tree.Path, "specs", "FEAT-0001.yaml"), bytes);

        var error = Assert.Single(SpecCatalog.Load(tree.Path, ["specs/**/*.yaml"], string.Empty).Errors);

        Assert.Equal(("specs/FEAT-0001.yaml", line, column), (error.File, error.Line, error.Column));
        Assert.StartsWith("not valid UTF-8 here (bytes 0x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ByteOrderMark_IsRead()
    {
        using var tree = new SpecRepository();
        Directory.CreateDirectory(Path.Combine(tree.Path, "specs"));
        File.WriteAllBytes(Path.Combine(tree.Path, "specs", "FEAT-0001.yaml"), [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(SpecRepository.MinimalSpec("FEAT-0001"))]);

        var catalog = SpecCatalog.Load(tree.Path, ["specs/**/*.yaml"], string.Empty);

        Assert.Empty(catalog.Errors);
        Assert.Equal("Spec FEAT-0001", Assert.Single(catalog.Specs).Title);
    }

    [Fact]
    public void Load_FolderLinksThatLoop_AreNamedAndNotFollowed()
    {
        using var tree = new SpecRepository().Write("specs/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001")).Write("specs/v2/FEAT-0002.yaml", SpecRepository.MinimalSpec("FEAT-0002"));
        Directory.CreateSymbolicLink(Path.Combine(tree.Path, "specs", "loop"), "..");
        Directory.CreateSymbolicLink(Path.Combine(tree.Path, "specs", "current"), "v2");

        var catalog = SpecCatalog.Load(tree.Path, ["specs/**/*.yaml"], string.Empty);

        Assert.Empty(catalog.Errors);
        Assert.Equal(["FEAT-0001", "FEAT-0002"], catalog.Specs.Select(s => s.Id));
        Assert.Equal(
            [
                "specs/current: not followed: a symbolic link to 'v2', a folder read already (a loop, or a second way to the same files)",
                "specs/loop: not followed: a symbolic link to '..', a folder read already (a loop, or a second way to the same files)",
            ],
            catalog.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void Load_LinksOutOfTheRepository_AreNotRead()
    {
        using var outside = new SpecRepository().Write("OUT-0001.yaml", SpecRepository.MinimalSpec("OUT-0001")).Write("more/OUT-0002.yaml", SpecRepository.MinimalSpec("OUT-0002"));
        using var tree = new SpecRepository().Write("specs/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001"));
        File.CreateSymbolicLink(Path.Combine(tree.Path, "specs", "OUT-0001.yaml"), Path.Combine(outside.Path, "OUT-0001.yaml"));
        Directory.CreateSymbolicLink(Path.Combine(tree.Path, "specs", "more"), Path.Combine(outside.Path, "more"));
        // A link inside the repository to a folder outside the globs' own is read, once.
        Directory.CreateSymbolicLink(Path.Combine(tree.Path, "specs", "common"), "../common");
        tree.Write("common/FEAT-0003.yaml", SpecRepository.MinimalSpec("FEAT-0003"));

        var catalog = SpecCatalog.Load(tree.Path, ["specs/**/*.yaml"], string.Empty);

        Assert.Equal(["FEAT-0001", "FEAT-0003"], catalog.Specs.Select(s => s.Id));
        // The folder is not followed (a warning); the spec file a link stands for is an error at that file.
        Assert.Equal(["specs/more"], catalog.Warnings.Select(w => w.File));
        Assert.Contains("outside the repository", Assert.Single(catalog.Warnings).Message, StringComparison.Ordinal);
        var error = Assert.Single(catalog.Errors);
        Assert.Equal("specs/OUT-0001.yaml", error.File);
        Assert.Equal(
            $"a symbolic link to '{Path.Combine(outside.Path, "OUT-0001.yaml")}', a file outside the repository (git stores the link, not what it points to), so it is not read; commit the spec file itself",
            error.Message);
    }

    [Fact]
    public void Load_SpecPathThatIsABrokenLink_IsAnErrorAtThatFileSayingSo()
    {
        using var tree = new SpecRepository().Write("specs/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001"));
        File.CreateSymbolicLink(Path.Combine(tree.Path, "specs", "FEAT-0002.yaml"), "drafts/FEAT-0002.yaml");

        var catalog = SpecCatalog.Load(tree.Path, ["specs/**/*.yaml"], string.Empty);

        Assert.Equal(["FEAT-0001"], catalog.Specs.Select(s => s.Id));
        Assert.Equal(
            ["specs/FEAT-0002.yaml: a symbolic link to 'drafts/FEAT-0002.yaml', which does not exist (a broken link); point it at a spec file in the repository, or remove it"],
            catalog.Errors.Select(e => e.ToString()));
        Assert.Empty(catalog.Warnings);
    }

    [Theory]
    [InlineData("FEAT-0002.yaml", "FEAT-0002.yaml")]
    [InlineData("FEAT-0002.yaml", "FEAT-0003.yaml")]
    public void Load_SpecPathThatIsALinkToItself_IsAnErrorAtThatFileNamingTheLoop(string link, string target)
    {
        // A link to itself, or two links that lead to each other.
        using var tree = new SpecRepository().Write("specs/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001"));
        File.CreateSymbolicLink(Path.Combine(tree.Path, "specs", link), target);
        if (target != link)
        {
            File.CreateSymbolicLink(Path.Combine(tree.Path, "specs", target), link);
        }

        var catalog = SpecCatalog.Load(tree.Path, ["specs/**/*.yaml"], string.Empty);

        Assert.Equal(["FEAT-0001"], catalog.Specs.Select(s => s.Id));
        var error = Assert.Single(catalog.Errors, e => e.File == "specs/" + link);
        Assert.Equal($"a symbolic link to '{target}' that leads back to itself (a loop of links), so there is no spec to read; point it at a spec file in the repository, or remove it", error.Message);
        Assert.DoesNotContain(catalog.Errors, e => e.Message.Contains("outside the repository", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_GlobNamingALinkOutOfTheRepository_IsAnErrorAndNothingIsRead()
    {
        using var outside = new SpecRepository().Write("private.yaml", "id: FEAT-0009\ntitle: never-read-private-text\n");
        using var tree = new SpecRepository().Write("specs/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001"));
        File.CreateSymbolicLink(Path.Combine(tree.Path, "specs", "FEAT-0009.yaml"), Path.Combine(outside.Path, "private.yaml"));

        var catalog = SpecCatalog.Load(tree.Path, ["specs/FEAT-0009.yaml"], string.Empty);

        var error = Assert.Single(catalog.Errors);
        Assert.Equal("specs/FEAT-0009.yaml", error.File);
        Assert.Contains("a file outside the repository", error.Message, StringComparison.Ordinal);
        Assert.Empty(catalog.Specs);
        Assert.DoesNotContain("never-read-private-text", string.Join("\n", catalog.Errors.Concat(catalog.Warnings)), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GlobThatMatchesTheConfig_DoesNotTakeItForASpec()
    {
        using var tree = new SpecRepository().Write("specs.config.yaml", "specs:\n  paths: [\"**/*.yaml\"]\n").Write("specs/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001"));

        var catalog = SpecCatalog.Load(tree.Path, ["**/*.yaml"], string.Empty);

        Assert.Empty(catalog.Errors);
        Assert.Equal(["specs/FEAT-0001.yaml"], catalog.Files);
    }

    [Fact]
    public void Load_GlobsThatMatchNothingOrCannotBeUsed_AreErrorsNamingThem()
    {
        using var tree = new SpecRepository().Write("specs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: t\nstatus: done\n");

        var catalog = SpecCatalog.Load(tree.Path, ["spec/**/*.yaml", "specs/\0.yaml", "../../**/*.yaml"], string.Empty);

        Assert.Equal(
            [
                "specs.paths: specs.paths[0] 'spec/**/*.yaml' matches no file",
                "specs.paths: specs.paths[1] 'specs/\\0.yaml' holds a control character; a glob is a path such as specs/**/*.yaml",
                "specs.paths: specs.paths[2] '../../**/*.yaml' reaches outside the repository; globs are relative to the folder of the configuration file",
            ],
            catalog.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Find_ByIdOrPath_ReturnsTheSpec()
    {
        using var tree = new SpecRepository().Write("specs/features/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001"));
        var catalog = SpecCatalog.Load(tree.Path, ["specs/**/*.yaml"], string.Empty);

        Assert.Equal("FEAT-0001", catalog.Find("FEAT-0001")?.Id);
        Assert.Equal("FEAT-0001", catalog.Find("feat-0001")?.Id);
        Assert.Equal("FEAT-0001", catalog.Find("specs/features/FEAT-0001.yaml")?.Id);
        Assert.Equal("FEAT-0001", catalog.Find("./specs/features/FEAT-0001.yaml")?.Id);
        Assert.Equal("FEAT-0001", catalog.Find(Path.Combine(tree.Path, "specs", "features", "FEAT-0001.yaml"))?.Id);
        Assert.Null(catalog.Find("FEAT-0404"));
    }
}
