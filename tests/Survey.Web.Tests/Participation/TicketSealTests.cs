using System.Buffers.Text;
using System.Net;
using Dapper;
using Experiment.Engine.Participants;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NUnit.Framework;
using Survey.Web.Participation;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Participation;

/// <summary>
/// The participant cookie's seal (ParticipantCookie: AES-GCM under the shared web_key row, the study as associated
/// data): it reads back, nothing altered, cut or foreign reads as a participant, the former Data Protection format
/// still reads, and instances on one database share the key.
/// </summary>
public sealed class TicketSealTests : FlowTestBase
{
    static string CookieName => "ppl_" + WebStudies.Id;

    Uri FlowUri => new(App.BaseUrl + $"/s/{WebStudies.Id}/p");

    ParticipantCookie Cookie => App.Services.GetRequiredService<ParticipantCookie>();

    static readonly ParticipantTicket Sample = new("p0123456789abcdef", 3, 1, 2, 4, "nl", true);

    [Test]
    public void Seal_ticket_opensToTheSameTicketAsShortBase64UrlWithAFreshNonce()
    {
        var value = Cookie.Seal(WebStudies.Id, Sample);
        Assert.Multiple(() =>
        {
            Assert.That(value, Does.Match("^[A-Za-z0-9_-]+$"), "base64url, no padding");
            Assert.That(value, Does.Not.StartWith("CfDJ8"), "not Data Protection's format");
            Assert.That(value, Does.Not.Contain("p0123456789abcdef"));
            Assert.That(Base64Url.DecodeFromChars(value).Length, Is.EqualTo(4 + 12 + Sample.Format().Length + 16), "key id, nonce, ticket, tag");
            Assert.That(Cookie.Open(WebStudies.Id, value), Is.EqualTo(Sample));
            Assert.That(Cookie.Seal(WebStudies.Id, Sample), Is.Not.EqualTo(value), "a fresh nonce per seal");
            Assert.That(Cookie.Seal(WebStudies.Id, ParticipantTicket.IdOnly("p0123456789abcdef")) is var idOnly
                && Cookie.Open(WebStudies.Id, idOnly) == ParticipantTicket.IdOnly("p0123456789abcdef"), "a ticket with the id only");
        });
    }

    [Test]
    public void Open_anyByteAlteredOrCut_isNoParticipant()
    {
        var bytes = Base64Url.DecodeFromChars(Cookie.Seal(WebStudies.Id, Sample));
        Assert.That(Cookie.Open(WebStudies.Id, Base64Url.EncodeToString(bytes)), Is.EqualTo(Sample), "the unaltered value opens");
        for (var i = 0; i < bytes.Length; i++)
        {
            var altered = (byte[])bytes.Clone();
            altered[i] ^= 0x01;
            Assert.That(Cookie.Open(WebStudies.Id, Base64Url.EncodeToString(altered)), Is.Null, $"byte {i} altered");
            Assert.That(Cookie.Open(WebStudies.Id, Base64Url.EncodeToString(bytes.AsSpan(0, i))), Is.Null, $"cut to {i} bytes");
        }
        Assert.That(Cookie.Open(WebStudies.Id, Base64Url.EncodeToString([.. bytes, 0])), Is.Null, "a byte added");
    }

    [Test]
    public void Open_cookieOfAnotherStudy_isNoParticipant()
    {
        var value = Cookie.Seal("otherstudy", Sample);
        Assert.That(Cookie.Open("otherstudy", value), Is.EqualTo(Sample));
        Assert.That(Cookie.Open(WebStudies.Id, value), Is.Null);
        Assert.That(Cookie.Open("otherstud", value), Is.Null);
    }

    [TestCase("")]
    [TestCase("x")]
    [TestCase("AAAA")]
    [TestCase("AAAAAQ")]
    [TestCase("!!!!not-base64!!!!")]
    [TestCase("CfDJ8garbage")]
    [TestCase("CfDJ8")]
    [TestCase("ÄÖÜ\u0000\u200b")]
    [TestCase("AAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Open_garbage_isNoParticipant(string value) => Assert.That(Cookie.Open(WebStudies.Id, value), Is.Null);

    [Test]
    public void Open_veryLongValue_isNoParticipant() => Assert.That(Cookie.Open(WebStudies.Id, new string('A', 100_000)), Is.Null);

    /// <summary>Through the app: a GET goes back to the study link, a POST is a 400, nothing is written, never a 500.</summary>
    [TestCase("flip")]
    [TestCase("cut")]
    [TestCase("otherStudy")]
    [TestCase("garbage")]
    [TestCase("formerGarbage")]
    public async Task Request_unreadableCookie_isNoParticipantNever500AndWritesNothing(string kind)
    {
        using var p = NewParticipant("en");
        await AgreeAsync(p, "PIDSEAL" + kind, cell: WebStudies.NoDiscountPlain);
        var form = p.HiddenFields().Append(new("action", "next")).ToList();
        var value = p.Cookies.GetCookies(FlowUri)[CookieName]!.Value;
        var id = await OnlyParticipantIdAsync();
        var bad = kind switch
        {
            "flip" => value[..20] + (value[20] == 'A' ? 'B' : 'A') + value[21..],
            "cut" => value[..^2],
            "otherStudy" => Cookie.Seal("webflow2", Cookie.Open(WebStudies.Id, value)!),
            "garbage" => "AAAAAQ" + new string('x', 80),
            _ => "CfDJ8" + new string('x', 120),
        };
        Assert.That(Cookie.Open(WebStudies.Id, value)?.Id, Is.EqualTo(id), "the real cookie reads");
        p.Cookies.Add(FlowUri, new Cookie(CookieName, bad, $"/s/{WebStudies.Id}"));

        var post = await p.PostRawAsync(FlowUri.ToString(), form);
        Assert.That((int)post.StatusCode, Is.EqualTo(400), await post.Content.ReadAsStringAsync());
        p.Cookies.Add(FlowUri, new Cookie(CookieName, bad, $"/s/{WebStudies.Id}"));
        await p.GetAsync($"/s/{WebStudies.Id}/p");
        Assert.That(p.Html, Does.Contain("value=\"agree\""), "no participant: the consent page");
        Assert.That(await CountAsync("select step from participant"), Is.EqualTo(0));
        Assert.That(await CountAsync("select count(*) from page_time where submitted_at is not null"), Is.EqualTo(0));
        Assert.That(App.LogLines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task Cookie_inTheFormerDataProtectionFormat_readsAndIsRewrittenSealed()
    {
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDFORMER", cell: WebStudies.NoDiscountPlain);
        await p.SubmitAsync("next"); // intro -> step 1, whatever the block order
        var ticket = Cookie.Open(WebStudies.Id, p.Cookies.GetCookies(FlowUri)[CookieName]!.Value)!;
        Assert.That(ticket.Step, Is.EqualTo(1));
        // A participant in the middle of the study when the new version started: their cookie as the former one wrote it.
        var former = App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Survey.Web.ParticipantCookie.v1", WebStudies.Id);
        p.Cookies.Add(FlowUri, new Cookie(CookieName, former.Protect(ticket.Format()), $"/s/{WebStudies.Id}"));

        await p.GetAsync($"/s/{WebStudies.Id}/p");
        Assert.That(p.Step, Is.EqualTo(1), "the former cookie names the participant and their step");
        var submitted = await CountAsync("select count(*) from page_time where submitted_at is not null");
        await p.SubmitAsync("next", ("c1", "5"), ("w_bsn", "0"), ("attn", "b"));
        Assert.That(p.Step, Is.EqualTo(2), p.Html);
        Assert.That(await CountAsync("select count(*) from page_time where submitted_at is not null"), Is.EqualTo(submitted + 1));
        var rewritten = p.Cookies.GetCookies(FlowUri)[CookieName]!.Value;
        Assert.That(rewritten, Does.Not.StartWith("CfDJ8"), "the former format is read, never written");
        Assert.That(Cookie.Open(WebStudies.Id, rewritten)?.Step, Is.EqualTo(2));
    }

    [Test]
    public async Task Keys_ofTwoInstancesStartingTogether_areOneRowAndEachReadsTheOthersCookiesAndTokens()
    {
        await using var second = await TestWebApp.StartAsync(App.ConnectionString);
        Assert.That(await CountAsync("select count(*) from web_key"), Is.Zero, "no key before a participant needs one");
        var cookies = new[] { Cookie, second.Services.GetRequiredService<ParticipantCookie>() };
        // Both processes need the key at the same moment, each with a cold cache.
        var sealedBy = await Task.WhenAll(cookies.Select(c => Task.Run(() => c.Seal(WebStudies.Id, Sample))));
        Assert.Multiple(() =>
        {
            Assert.That(cookies[1].Open(WebStudies.Id, sealedBy[0]), Is.EqualTo(Sample), "the second reads the first's");
            Assert.That(cookies[0].Open(WebStudies.Id, sealedBy[1]), Is.EqualTo(Sample), "the first reads the second's");
        });
        await using (var conn = await App.DataSource.OpenConnectionAsync())
        {
            var rows = (await conn.QueryAsync<(string Purpose, int KeyId, byte[] Material)>("select purpose, key_id, material from web_key")).ToList();
            Assert.That(rows.Select(r => (r.Purpose, r.KeyId)), Is.EquivalentTo(new[] { ("ticket-seal", 1) }));
            Assert.That(rows[0].Material.Take(4), Is.EqualTo(new byte[] { 0x09, 0xF0, 0xC9, 0xF0 }), "the key is kept by Data Protection (its magic header)");
            Assert.That(rows[0].Material.Length, Is.GreaterThan(32 + 16));
        }

        // A participant whose requests alternate between the two: each page's form (token and cookie) is posted to the other.
        using var p = NewParticipant("en");
        await AgreeAsync(p, "PIDTWOAPPS", cell: WebStudies.NoDiscountPlain);
        var apps = new[] { App.BaseUrl, second.BaseUrl };
        for (var i = 0; i < 3; i++) // intro, concern, about (the first participant of a fresh database gets the first block order)
        {
            var step = p.Step;
            p.BaseUrl = apps[(i + 1) % 2];
            var status = await p.SubmitAsync("next", ("c1", "5"), ("w_bsn", "0"), ("attn", "b"), ("age", "34"), ("remark", "ok"));
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), p.Html);
            Assert.That(p.Step, Is.EqualTo(step + 1), $"submission {i} on the other instance moved on");
        }
        Assert.That(await CountAsync("select step from participant"), Is.EqualTo(3));
        Assert.That(await CountAsync("select count(*) from response"), Is.EqualTo(5), "c1, w_bsn, attn, age, remark, each once");
        Assert.That(await CountAsync("select count(distinct purpose) from web_key"), Is.EqualTo(2), "the seal's and the form token's key");
    }

    /// <summary>
    /// The point of the seal (bench/http-profile.md): a submission of a participant with a ticket (the POST and the
    /// page after it) makes no Data Protection operation; before, it made seven (ticket and antiforgery).
    /// </summary>
    [Test]
    public async Task Submit_withATicket_makesNoDataProtectionOperation()
    {
        CountingProtection? counting = null;
        await using var app = await TestWebApp.StartAsync(App.ConnectionString, null, null, s => counting = CountingProtection.Register(s));
        using var p = new ParticipantDriver(app.BaseUrl, "en");
        await AgreeAsync(p, "PIDNODP", WebStudies.NoDiscountPlain);
        await p.SubmitAsync("next"); // intro -> concern
        var before = counting!.Operations;
        Assert.That(before, Is.GreaterThan(0), "the consent page and its POST keep the framework's antiforgery (the count is real)");

        await p.SubmitAsync("next", ("c1", "5"), ("w_bsn", "0"), ("attn", "b"));
        Assert.That(p.Step, Is.EqualTo(2), p.Html);
        Assert.That(counting.Operations - before, Is.Zero);
    }

    /// <summary>The app's Data Protection, counting every Protect and Unprotect of every protector made from it.</summary>
    sealed class CountingProtection(IDataProtectionProvider inner) : IDataProtectionProvider
    {
        int operations;
        public int Operations => Volatile.Read(ref operations);

        public static CountingProtection Register(IServiceCollection services)
        {
            var framework = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider));
            var counting = new CountingProtection(null!);
            services.Replace(ServiceDescriptor.Singleton<IDataProtectionProvider>(sp => counting.With(framework.ImplementationFactory is { } f
                ? (IDataProtectionProvider)f(sp) : (IDataProtectionProvider)ActivatorUtilities.CreateInstance(sp, framework.ImplementationType!))));
            return counting;
        }

        IDataProtectionProvider provider = inner;

        CountingProtection With(IDataProtectionProvider real) { provider = real; return this; }

        public IDataProtector CreateProtector(string purpose) => new Protector(this, provider.CreateProtector(purpose));

        sealed class Protector(CountingProtection owner, IDataProtector inner) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new Protector(owner, inner.CreateProtector(purpose));
            public byte[] Protect(byte[] plaintext) { Interlocked.Increment(ref owner.operations); return inner.Protect(plaintext); }
            public byte[] Unprotect(byte[] protectedData) { Interlocked.Increment(ref owner.operations); return inner.Unprotect(protectedData); }
        }
    }
}
