using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Studies;

public sealed class StudyDesignTests
{
    [Test]
    public void Cells_sameDefinition_areDerivedOnceAndMatchAFreshDerivation()
    {
        var study = TestStudies.SixCells();
        var cells = StudyDesign.Cells(study);

        Assert.That(StudyDesign.Cells(study), Is.SameAs(cells), "the second request gets the cells already derived");
        Assert.That(cells is ICollection<Cell> { IsReadOnly: false }, Is.False, "no caller can change the shared cells");
        // A copy of the definition is another key: derived anew, the same cells.
        var fresh = StudyDesign.Cells(study with { });
        Assert.That(fresh, Is.Not.SameAs(cells));
        Assert.That(fresh.Select(c => (c.Index, c.Arm, c.Weight)), Is.EqualTo(cells.Select(c => (c.Index, c.Arm, c.Weight))));
        Assert.That(cells.Select(c => c.Arm), Is.EqualTo(new[]
        {
            "discount=0;notice=plain", "discount=0;notice=salient", "discount=5;notice=plain",
            "discount=5;notice=salient", "discount=15;notice=plain", "discount=15;notice=salient",
        }));
        var changed = study with { Factors = [study.Factors[0]] };
        Assert.That(StudyDesign.Cells(changed).Select(c => c.Arm), Is.EqualTo(new[] { "discount=0", "discount=5", "discount=15" }),
            "a definition with other factors has its own cells");
    }
}
