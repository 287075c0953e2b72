using SpecCake.Specs.Changes;

namespace SpecCake.Tests.Specs.Changes;

public sealed class SpecFileSnapshotTests
{
    [Fact]
    public void Read_PlainSpec_ReadsIdAndStatus() =>
        Assert.Equal(new SpecFileSnapshot("FEAT-0001", "approved"), SpecFileSnapshot.Read("id: FEAT-0001\ntitle: t\nstatus: approved\n"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("- a list\n")]
    [InlineData("id: [unclosed\n")]
    [InlineData("id: FEAT-0001\nstatus: approved\nx: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nz: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nw: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n")]
    public void Read_NoSpecOrNotOneToExpand_ReadsAsEmpty(string? yaml) =>
        Assert.Equal(new SpecFileSnapshot(null, null), SpecFileSnapshot.Read(yaml));

    [Fact]
    public void Read_LargerThanASpecMayBe_ReadsAsEmpty() =>
        Assert.Equal(new SpecFileSnapshot(null, null), SpecFileSnapshot.Read("id: FEAT-0001\nstatus: approved\ndescription: " + new string('x', 2 << 20) + "\n"));
}
