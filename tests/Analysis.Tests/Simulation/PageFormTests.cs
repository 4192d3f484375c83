using Analysis.Simulation;
using NUnit.Framework;

namespace Analysis.Tests.Simulation;

public sealed class PageFormTests
{
    [Test]
    public void Parse_questionnairePage_findsTokenStepRadiosSelectAndButtons()
    {
        const string html = """
            <html><body><nav><form id="lang"><input name="x" value="y"></form></nav>
            <form method="post" id="page-form" action="/s/demo/page">
              <input name="__RequestVerificationToken" type="hidden" value="CfDJ8&amp;abc" />
              <input type="hidden" name="step" value="3">
              <fieldset><input type="radio" name="q1" value="1"><input type="radio" name="q1" value="2" ></fieldset>
              <select name="gender"><option value="">-</option><option value="f">F</option><option value='m'>M</option></select>
              <input type="number" name="age" min="16">
              <textarea name="remarks" maxlength="200"></textarea>
              <button type="submit" name="action" value="next">Next</button>
            </form></body></html>
            """;
        var form = PageForm.Parse(html);
        Assert.That(form.HasForm, Is.True);
        Assert.That(form.Action, Is.EqualTo("/s/demo/page"));
        Assert.That(form.Hidden("__RequestVerificationToken"), Is.EqualTo("CfDJ8&abc"));
        Assert.That(form.Hidden("step"), Is.EqualTo("3"));
        Assert.That(form.Inputs["q1"].Values, Is.EqualTo(new[] { "1", "2" }));
        Assert.That(form.Inputs["gender"].Values, Is.EqualTo(new[] { "f", "m" }));
        Assert.That(form.Inputs["age"].Type, Is.EqualTo("number"));
        Assert.That(form.Inputs["remarks"].Type, Is.EqualTo("textarea"));
        Assert.That(form.Inputs.ContainsKey("x"), Is.False);
        Assert.That(form.Buttons, Is.EqualTo(new[] { "next" }));
    }

    [Test]
    public void Parse_endPage_readsTheCompletionCode()
    {
        var form = PageForm.Parse("<main><p>Thanks</p><strong id=\"completion-code\"> C0DE1234 </strong></main>");
        Assert.That(form.CompletionCode, Is.EqualTo("C0DE1234"));
        Assert.That(form.HasForm, Is.False);
    }

    [Test]
    public void Parse_checkoutPage_listsFieldsAndBothButtons()
    {
        var form = PageForm.Parse("""
            <form id="page-form" method="post"><input type="hidden" name="step" value="5">
            <input name="f_email" type="email"><input type="hidden" name="t_email" value="0">
            <button name="action" value="place_order">Order</button><button name="action" value="leave_shop">Leave</button></form>
            """);
        Assert.That(form.Inputs.Keys, Is.EquivalentTo(new[] { "step", "f_email", "t_email" }));
        Assert.That(form.Buttons, Is.EqualTo(new[] { "place_order", "leave_shop" }));
        Assert.That(form.Action, Is.Null);
    }
}
