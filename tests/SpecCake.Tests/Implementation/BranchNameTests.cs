using SpecCake.Implementation;
using SpecCake.Specs;

namespace SpecCake.Tests.Implementation;

public sealed class BranchNameTests
{
    [Theory]
    [InlineData("spec/{id}", "spec/feat-0001")]
    [InlineData("ai/{type}/{id}", "ai/feature/feat-0001")]
    [InlineData("{id}", "feat-0001")]
    public void For_Pattern_IsLowerCaseAndValid(string pattern, string expected)
    {
        var spec = new Spec { Id = "FEAT-0001", Title = "T", Status = SpecStatus.Approved, File = "specs/FEAT-0001.yaml", Type = SpecType.Feature };

        Assert.Equal(expected, BranchName.For(pattern, spec));
    }

    [Theory]
    [InlineData("-x")]
    [InlineData("a..b")]
    [InlineData("a b")]
    [InlineData("a\tb")]
    [InlineData("a\u0007b")]
    [InlineData("a~1")]
    [InlineData("a^")]
    [InlineData("a:b")]
    [InlineData("a?")]
    [InlineData("a*")]
    [InlineData("a[b")]
    [InlineData("a\\b")]
    [InlineData("a/")]
    [InlineData("/a")]
    [InlineData("a//b")]
    [InlineData("a.")]
    [InlineData("a/.b")]
    [InlineData("a.lock")]
    [InlineData("a/b.lock/c")]
    [InlineData("a@{b")]
    [InlineData("@")]
    [InlineData("")]
    public void Problem_InvalidName_IsNamed(string name)
    {
        Assert.NotNull(BranchName.Problem(name));
    }

    [Theory]
    [InlineData("spec/feat-0001")]
    [InlineData("a.b/c_d-e")]
    [InlineData("feature/@home")]
    public void Problem_ValidName_IsNull(string name)
    {
        Assert.Null(BranchName.Problem(name));
    }

    [Fact]
    public void Expand_BadPattern_ThrowsNamingTheRule()
    {
        var error = Assert.Throws<ArgumentException>(() => BranchName.Expand("spec/{id}..", "FEAT-0001", "feature"));

        Assert.Equal("'spec/feat-0001..' is not a valid git branch name: it may not start with '-' or '/', nor end with '/' or '.'.", error.Message);
    }
}
