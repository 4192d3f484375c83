using System.Reflection;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.Hosting;
using Microsoft.AspNetCore.Razor.TagHelpers;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Participation;

/// <summary>
/// The participant views run no tag helper but &lt;partial&gt;: a tag helper on an element buffers all of that
/// element's content per request (the form tag helpers buffered the whole page form to append the antiforgery
/// field, bench/http-profile.md sections 6 and 9). Each view writes that field itself, once, at the form's end.
/// </summary>
public sealed class ParticipantViewTests : FlowTestBase
{
    /// <summary>The compiled views of a folder and the tag helper types their generated classes hold.</summary>
    static Dictionary<string, Type[]> TagHelpersOfViews(string folder) =>
        typeof(Survey.Web.SurveyApp).Assembly.GetCustomAttributes<RazorCompiledItemAttribute>()
            .Where(v => v.Identifier.StartsWith(folder, StringComparison.Ordinal))
            .ToDictionary(v => v.Identifier, v => v.Type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
                .Select(f => f.FieldType).Where(t => typeof(ITagHelper).IsAssignableFrom(t)).Distinct().ToArray());

    [Test]
    public void ParticipantViews_compiled_runNoTagHelperButPartial()
    {
        var participant = TagHelpersOfViews("/Participation/Views/");
        Assert.That(participant.Keys, Has.Member("/Participation/Views/Questionnaire.cshtml").And.Member("/Participation/Views/Consent.cshtml"));
        Assert.That(participant.Where(v => v.Value.Any(t => t != typeof(PartialTagHelper))).Select(v => v.Key), Is.Empty);
        Assert.That(participant.Values.SelectMany(t => t), Does.Contain(typeof(PartialTagHelper)), "the check sees the views' tag helpers");
        // The researcher console keeps the framework's form tag helper and its antiforgery field.
        Assert.That(TagHelpersOfViews("/Researcher/Views/").Values.SelectMany(t => t),
            Does.Contain(typeof(FormTagHelper)).And.Contain(typeof(RenderAtEndOfFormTagHelper)));
    }

    [Test]
    public async Task PageForm_onEveryPageOfTheFlow_hasItsTokenOnceAsTheFormsLastChild()
    {
        using var p = NewParticipant("en");
        await p.GetAsync($"/s/{WebStudies.Id}?cell={WebStudies.NoDiscountPlain}");
        var pages = new List<string> { p.Html };
        await p.SubmitAsync("agree");
        await WalkToEndAsync(p, onPage: pages.Add);
        Assert.That(p.CompletionCode, Is.Not.Null, "walked to the end, every form posted back with its token");
        var forms = pages.Where(h => h.Contains("id=\"page-form\"", StringComparison.Ordinal)).ToList();
        Assert.That(forms, Has.Count.EqualTo(pages.Count - 1), "every page but the end page has the page form");
        Assert.That(forms, Has.Count.GreaterThanOrEqualTo(8));
        Assert.That(forms.Select(ParticipantDriver.TokenFieldProblem), Is.All.Null);
        Assert.That(forms.Select(h => h.Split("__RequestVerificationToken").Length - 1), Is.All.EqualTo(1));
    }

    [TestCase("<form method=\"post\" id=\"page-form\" action=\"/s/x/p\">\n<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"1.a\" /><input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"1.a\" /></form>", "2 times")]
    [TestCase("<form method=\"post\" id=\"page-form\" action=\"/s/x/p\">\n<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"1.a\" /><p>x</p></form>", "last child")]
    [TestCase("<form method=\"post\" id=\"page-form\" action=\"/s/x/p\">\n<p>x</p></form>", "0 times")]
    public void TokenFieldProblem_misplacedOrRepeatedField_isFound(string html, string problem) =>
        Assert.That(ParticipantDriver.TokenFieldProblem(html), Does.Contain(problem));
}
