using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;
using Microsoft.AspNetCore.DataProtection;
using Survey.Web.Hosting;

namespace Survey.Web.Participation;

/// <summary>
/// The only client-side state: cookie ppl_{studyId} holding a <see cref="ParticipantTicket"/>, sealed with AES-GCM
/// under a key every process of the database shares (<see cref="WebKeys.TicketSeal"/>, itself kept by Data
/// Protection). The value is base64url of key id (4 bytes, big-endian), a random 96-bit nonce, the encrypted
/// ticket and the 128-bit tag; the study id (as the link names it) is associated data, so a cookie of one study is
/// no participant in another, and a forged, altered or truncated cookie is no participant. Encrypted, not only
/// signed: the ticket names the participant's cell, which they must not see. The cookie as Data Protection wrote
/// it before (participants in the middle of a study during the upgrade) is still read, never written.
/// Sealing costs a few microseconds; Data Protection's Protect and Unprotect 15-20 each (bench/http-profile.md).
/// </summary>
public sealed class ParticipantCookie(WebKeys keys, IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(60);

    public static string Name(string studyId) => "ppl_" + studyId;

    const int IdBytes = 4, NonceBytes = 12, TagBytes = 16, Overhead = IdBytes + NonceBytes + TagBytes;

    /// <summary>Longer than any ticket's seal by far; anything longer is no participant, and is not decoded.</summary>
    const int MaxValueChars = 512;

    /// <summary>Every Data Protection payload starts with its magic header 0x09F0C9F0, in base64url "CfDJ8".</summary>
    const string DataProtectionPrefix = "CfDJ8";

    /// <summary>The participant id of the cookie, or null (none, forged, altered, another study's).</summary>
    public string? Read(HttpRequest request, string studyId) => ReadTicket(request, studyId)?.Id;

    /// <summary>
    /// The cookie's ticket, or null (none, forged, altered, another study's). Kept for the request, so the pages and
    /// the participant antiforgery (<see cref="ParticipantAntiforgery"/>) open it once; a cookie written or deleted
    /// in this request is what a later read of it sees.
    /// </summary>
    public ParticipantTicket? ReadTicket(HttpRequest request, string studyId)
    {
        var items = request.HttpContext.Items;
        if (items.TryGetValue(MemoKey, out var memo) && memo is Memo m && m.Study == studyId) return m.Ticket;
        var ticket = request.Cookies.TryGetValue(Name(studyId), out var value) && !string.IsNullOrEmpty(value) ? Open(studyId, value) : null;
        items[MemoKey] = new Memo(studyId, ticket);
        return ticket;
    }

    static readonly object MemoKey = new();

    sealed record Memo(string Study, ParticipantTicket? Ticket);

    /// <summary>A cookie that names the participant only: the next page reads their progress from the database.</summary>
    public void Write(HttpContext context, string studyId, string participantId) => Write(context, studyId, ParticipantTicket.IdOnly(participantId));

    public void Write(HttpContext context, string studyId, ParticipantTicket ticket)
    {
        context.Response.Cookies.Append(Name(studyId), Seal(studyId, ticket), Options(context, studyId));
        context.Items[MemoKey] = new Memo(studyId, ticket);
    }

    public void Delete(HttpContext context, string studyId)
    {
        context.Response.Cookies.Delete(Name(studyId), Options(context, studyId));
        context.Items[MemoKey] = new Memo(studyId, null);
    }

    /// <summary>The cookie value of a ticket: sealed with the current key, a fresh nonce, the study as associated data.</summary>
    internal string Seal(string studyId, ParticipantTicket ticket)
    {
        var key = keys.For(WebKeys.TicketSeal).Current;
        var plain = Encoding.UTF8.GetBytes(ticket.Format());
        Span<byte> sealedBytes = stackalloc byte[Overhead + plain.Length];
        BinaryPrimitives.WriteInt32BigEndian(sealedBytes, key.Id);
        var nonce = sealedBytes.Slice(IdBytes, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        var cipher = sealedBytes.Slice(IdBytes + NonceBytes, plain.Length);
        var tag = sealedBytes[^TagBytes..];
        using (var aes = new AesGcm(key.Material, TagBytes))
            aes.Encrypt(nonce, plain, cipher, tag, AssociatedData(sealedBytes[..IdBytes], studyId));
        return Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The ticket of a cookie value, or null; the value as Data Protection wrote it is read too.</summary>
    internal ParticipantTicket? Open(string studyId, string value)
    {
        try
        {
            if (value.StartsWith(DataProtectionPrefix, StringComparison.Ordinal)) return ParticipantTicket.Parse(Former(studyId).Unprotect(value));
            if (value.Length > MaxValueChars) return null;
            Span<byte> sealedBytes = stackalloc byte[Base64Url.GetMaxDecodedLength(value.Length)];
            if (!Base64Url.TryDecodeFromChars(value, sealedBytes, out var length) || length <= Overhead) return null;
            sealedBytes = sealedBytes[..length];
            if (keys.For(WebKeys.TicketSeal).Find(BinaryPrimitives.ReadInt32BigEndian(sealedBytes)) is not { } key) return null;
            Span<byte> plain = stackalloc byte[length - Overhead];
            using (var aes = new AesGcm(key.Material, TagBytes))
                aes.Decrypt(sealedBytes.Slice(IdBytes, NonceBytes), sealedBytes.Slice(IdBytes + NonceBytes, plain.Length), sealedBytes[^TagBytes..],
                    plain, AssociatedData(sealedBytes[..IdBytes], studyId));
            return ParticipantTicket.Parse(Encoding.UTF8.GetString(plain));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or OverflowException or ArgumentException) { return null; }
    }

    /// <summary>What the tag covers besides the ticket: the key id and the study (a cookie of one study is no participant in another).</summary>
    static byte[] AssociatedData(ReadOnlySpan<byte> keyId, string studyId)
    {
        var data = new byte[IdBytes + Encoding.UTF8.GetByteCount(studyId)];
        keyId.CopyTo(data);
        Encoding.UTF8.GetBytes(studyId, data.AsSpan(IdBytes));
        return data;
    }

    // The former format's protector, one per study link (not one per request); bounded, since the link of a request
    // is anything a client sends. The purpose is unchanged since the cookie held the participant id only, so such a
    // cookie still reads (as a ticket without its step: ParticipantTicket.Parse).
    IDataProtector Former(string studyId) => formers.For(studyId);

    readonly ProtectorCache formers = new(protection, "Survey.Web.ParticipantCookie.v1");

    /// <summary>The study's participant cookie options (also the preview cookie's, with its own lifetime).</summary>
    internal static CookieOptions Options(HttpContext context, string studyId) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        Path = "/s/" + studyId,
        MaxAge = Lifetime,
        IsEssential = true,
    };
}

/// <summary>
/// What the participant cookie says: who the participant is and, as the server last wrote it, where they are
/// (study version, cell, block order, step, language, and whether that step's shown time is recorded). It lets a
/// POST go straight to its one guarded statement and the page after it render without a read
/// (<see cref="LiveParticipant"/>). It is a hint, never the truth: the database's step guard decides every write,
/// and a ticket that disagrees with the database (an old cookie kept and sent again, a second tab) is corrected
/// from it. It holds nothing typed, no panel id, no answer: only numbers the server chose and the page language.
/// A ticket without a version (<see cref="Complete"/> false) names the participant only (a cookie written
/// before the ticket had more, or a participant resumed by their panel session).
/// <see cref="Cart"/>: at a step whose page shows or changes the cart (product, cart, checkout: <see cref="CarriesCart"/>)
/// the cart the participant's last accepted write stored (or the last read of it), as quantities in the shop's
/// product order (<see cref="CartCode"/>), so those pages need no read of shop_order; shop_order stays the record
/// (export, payment, confirmation read it). Null elsewhere, in an older ticket, or for a shop too large to carry.
/// </summary>
public sealed record ParticipantTicket(string Id, int? Version, int Cell, int Order, int Step, string Language, bool Shown, string? Cart = null)
{
    public static ParticipantTicket IdOnly(string id) => new(id, null, 0, 0, 0, "", false);

    /// <summary>The ticket for the participant as the database has them; Shown: their step's page time is recorded.</summary>
    public static ParticipantTicket Of(ParticipantProgress p, bool shown) => new(p.Id, p.StudyVersion, p.CellIdx, p.OrderIdx, p.Step, p.Language, shown);

    public bool Complete => Version is not null;

    /// <summary>The steps whose page shows or changes the cart, and whose ticket therefore carries it.</summary>
    public static bool CarriesCart(StepKind kind) => kind is StepKind.ShopProduct or StepKind.ShopCart or StepKind.ShopCheckout;

    /// <summary>The most products whose cart a ticket carries (one character each); a larger shop's cart is read.</summary>
    public const int MaxCartProducts = 64;

    /// <summary>
    /// A cart as the ticket carries it: one base-36 digit per product of the shop, in the shop's order (the cart's
    /// quantities are 0 to Cart.MaxQuantity); null when it cannot be carried (too many products, a quantity out of range).
    /// </summary>
    public static string? CartCode(Shop shop, IReadOnlyDictionary<string, int> cart)
    {
        if (shop.Products.Count > MaxCartProducts) return null;
        var code = new char[shop.Products.Count];
        for (var i = 0; i < code.Length; i++)
        {
            var n = Math.Max(cart.GetValueOrDefault(shop.Products[i].Key), 0);
            if (n >= 36) return null;
            code[i] = n < 10 ? (char)('0' + n) : (char)('a' + n - 10);
        }
        return new string(code);
    }

    /// <summary>The ticket's cart in the shop (what Cart.FromJson reads from the stored one: the products with a quantity); null when it carries none for this shop.</summary>
    public IReadOnlyDictionary<string, int>? CartIn(Shop shop)
    {
        if (Cart is not { } code || code.Length != shop.Products.Count) return null;
        var cart = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < code.Length; i++)
        {
            var n = code[i] <= '9' ? code[i] - '0' : code[i] - 'a' + 10;
            if (n > 0) cart[shop.Products[i].Key] = n;
        }
        return cart;
    }

    internal string Format() => Version is not { } v ? Id
        : string.Join('|', Id, v.ToString(CultureInfo.InvariantCulture), Cell.ToString(CultureInfo.InvariantCulture),
            Order.ToString(CultureInfo.InvariantCulture), Step.ToString(CultureInfo.InvariantCulture), Language, Shown ? "1" : "0")
          + (Cart is { } cart ? "|c" + cart : "");

    /// <summary>The protected payload read back; anything but what <see cref="Format"/> writes is a FormatException.</summary>
    internal static ParticipantTicket Parse(string payload)
    {
        var parts = payload.Split('|');
        if (parts.Length == 1 && payload.Length > 0) return IdOnly(payload);
        if (parts is not ([{ Length: > 0 }, _, _, _, _, { Length: > 0 }, "0" or "1"] or [{ Length: > 0 }, _, _, _, _, { Length: > 0 }, "0" or "1", _]))
            throw new FormatException("not a participant ticket");
        var cart = parts.Length == 8 ? CartPart(parts[7]) : null;
        return new(parts[0], Number(parts[1]), Number(parts[2]), Number(parts[3]), Number(parts[4]), parts[5], parts[6] == "1", cart);
    }

    static string CartPart(string part) =>
        part.Length is >= 1 and <= MaxCartProducts + 1 && part[0] == 'c' && part.AsSpan(1).IndexOfAnyExcept(CartDigits) < 0
            ? part[1..] : throw new FormatException("not a participant ticket's cart");

    static readonly System.Buffers.SearchValues<char> CartDigits = System.Buffers.SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyz");

    static int Number(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>
    /// The participant as the pages see them from this ticket alone: id, version, cell, order, step, language.
    /// What only the database knows (status, completion code, checkout outcome, attention result) is not in it;
    /// a step that shows one of these reads the participant (<see cref="LiveParticipant.NeedsRow"/>).
    /// </summary>
    public ParticipantProgress Progress(string studyId, string arm) =>
        new(Id, studyId, Version ?? 0, Cell, arm, Order, Language, "in_progress", Step, CompletionCode: "", CheckoutOutcome: null, AttentionPassed: null, Shown);
}
