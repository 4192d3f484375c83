using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;

namespace Experiment.Engine.Tests.Studies;

/// <summary>The public slug of the participant link (issue 17): chosen at import, kept, resolved, never the id.</summary>
public sealed class StudySlugTests : DatabaseTest
{
    [Test]
    public async Task ImportAsync_withoutSlug_storesANeutralRandomOneAndKeepsIt()
    {
        await StudyImport.ImportAsync(DataSource, TestStudies.SixCells());
        var slug = await StudyStore.SlugAsync(DataSource, "six");
        await StudyImport.ImportAsync(DataSource, TestStudies.SixCells(version: 2));

        Assert.That(slug, Does.Match("^[a-z][a-z0-9]{9}$"));
        Assert.That(slug, Does.Not.Contain("six"));
        Assert.That(await StudyStore.SlugAsync(DataSource, "six"), Is.EqualTo(slug), "a new version keeps the link");
        Assert.That(await StudyStore.ResolveAsync(DataSource, slug!), Is.EqualTo("six"));
        Assert.That(await StudyStore.ResolveAsync(DataSource, "six"), Is.EqualTo("six"), "the id still opens the study (researchers' preview)");
        Assert.That(await StudyStore.ResolveAsync(DataSource, "nothing"), Is.Null);
        Assert.That(ParticipantLink.For("https://x.example/", TestStudies.SixCells(), slug), Is.EqualTo($"https://x.example/s/{slug}"));
    }

    /// <summary>A random slug never spells the study's id: for a one-letter id a plain draw would in a quarter of the cases.</summary>
    [TestCase("a")]
    [TestCase("Six")]
    public void NewSlug_anyStudyId_neverContainsIt(string studyId)
    {
        var slugs = Enumerable.Range(0, 400).Select(_ => StudyImport.NewSlug(studyId)).ToList();

        Assert.That(slugs, Has.All.Match("^[a-z][a-z0-9]{9}$"));
        Assert.That(slugs.Where(s => s.Contains(studyId, StringComparison.OrdinalIgnoreCase)), Is.Empty);
    }

    [Test]
    public async Task ImportAsync_fileSlug_replacesTheRandomOne()
    {
        await StudyImport.ImportAsync(DataSource, TestStudies.SixCells());
        await StudyImport.ImportAsync(DataSource, TestStudies.SixCells(version: 2) with { Slug = "winkel" });

        Assert.That(await StudyStore.SlugAsync(DataSource, "six"), Is.EqualTo("winkel"));
        Assert.That(await StudyStore.ResolveAsync(DataSource, "winkel"), Is.EqualTo("six"));
    }

    [Test]
    public async Task ImportAsync_slugOfAnotherStudy_isRefusedAndChangesNothing()
    {
        await StudyImport.ImportAsync(DataSource, TestStudies.SixCells() with { Slug = "winkel" });

        var taken = await StudyImport.ImportAsync(DataSource, TestStudies.SixCells("other") with { Slug = "winkel" });
        var isAnId = await StudyImport.ImportAsync(DataSource, TestStudies.SixCells("third") with { Slug = "six" });

        Assert.That(taken.Outcome, Is.EqualTo(ImportOutcome.Refused));
        Assert.That(taken.Message, Does.Contain("'winkel' is already the link of study six"));
        Assert.That(isAnId.Outcome, Is.EqualTo(ImportOutcome.Refused));
        Assert.That(await StudyStore.ResolveAsync(DataSource, "winkel"), Is.EqualTo("six"));
        Assert.That(await StudyStore.GetStateAsync(DataSource, "other"), Is.Null, "the refused study was not imported");
    }
}
