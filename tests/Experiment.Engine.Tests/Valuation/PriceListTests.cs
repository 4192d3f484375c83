using Experiment.Engine.Valuation;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Valuation;

public sealed class PriceListTests
{
    static readonly decimal[] Amounts = [0.5m, 1m, 2m, 4m];

    static PriceListScore? Score(string frame, params string?[] answers) =>
        PriceList.Score(Amounts, frame, row => row <= answers.Length ? answers[row - 1] : null);

    [Test]
    public void Score_wtaSwitchInside_isTheMidpointOfLastKeepAndFirstSell()
    {
        var s = Score("wta", "keep", "keep", "sell", "sell")!;

        Assert.That(s, Is.EqualTo(new PriceListScore(3, 1, true, 1.5m, null)));
    }

    [Test]
    public void Score_wtpSwitchInside_isTheMidpointOfLastPayAndFirstShare()
    {
        var s = Score("wtp", "pay", "share", "share", "share")!;

        Assert.That(s, Is.EqualTo(new PriceListScore(2, 1, true, 0.75m, null)));
    }

    [Test]
    public void Score_moneyOnEveryRow_isCensoredBelowAtTheFirstAmount()
    {
        Assert.That(Score("wta", "sell", "sell", "sell", "sell"), Is.EqualTo(new PriceListScore(1, 0, true, 0.5m, "below")));
        Assert.That(Score("wtp", "share", "share", "share", "share"), Is.EqualTo(new PriceListScore(1, 0, true, 0.5m, "below")));
    }

    [Test]
    public void Score_privateOnEveryRow_isCensoredAboveAtTheLastAmount()
    {
        Assert.That(Score("wta", "keep", "keep", "keep", "keep"), Is.EqualTo(new PriceListScore(null, 0, true, 4m, "above")));
        Assert.That(Score("wtp", "pay", "pay", "pay", "pay"), Is.EqualTo(new PriceListScore(null, 0, true, 4m, "above")));
    }

    [Test]
    public void Score_twoSwitches_isInconsistentWithNoValueAndItsFirstSwitchKept()
    {
        var s = Score("wta", "keep", "sell", "keep", "sell")!;

        Assert.That(s, Is.EqualTo(new PriceListScore(2, 3, false, null, null)));
    }

    [Test]
    public void Score_oneSwitchTowardsPrivacy_isInconsistent()
    {
        // Selling at a low amount but keeping at a higher one (or paying only when it costs more) contradicts itself.
        Assert.That(Score("wta", "sell", "sell", "keep", "keep"), Is.EqualTo(new PriceListScore(1, 1, false, null, null)));
        Assert.That(Score("wtp", "share", "pay", "pay", "pay"), Is.EqualTo(new PriceListScore(1, 1, false, null, null)));
    }

    [Test]
    public void Score_rowUnansweredOrOtherFramesCode_isNull()
    {
        Assert.That(Score("wta", "keep", "keep", "sell"), Is.Null);
        Assert.That(Score("wta", "pay", "pay", "share", "share"), Is.Null);
    }

    [Test]
    public void RowKey_firstRow_isValuationR1()
    {
        Assert.That(PriceList.RowKey(1), Is.EqualTo("valuation_r1"));
        Assert.That(PriceList.RowKey(12), Does.StartWith(PriceList.KeyPrefix));
    }
}
