# Writes the broken listings study files of this folder from one valid base (run: python3 make_broken.py). Each
# file breaks one rule of the listings block; ListingsRulesTests pins the exact path and message reported for it.
import json, copy
def T(en, nl=None): return {"en": en, "nl": nl or en}
base = {
 "id": "broken-listings", "version": 1, "languages": ["en", "nl"], "demo": True,
 "title": T("Broken"),
 "texts": {"consent": T("Consent"), "instructions": T("Instructions"), "debrief": T("Debrief")},
 "factors": [{"key": "info", "levels": ["none", "indicator", "salient", "irrelevant"]}],
 "blocks": [{"key": "questionnaire", "type": "pages", "pages": ["p1"]}, {"key": "listings", "type": "listings"}],
 "pages": [{"key": "p1", "title": T("Page"), "items": [{"key": "q_yes", "type": "yesno", "text": T("Yes?")}]}],
 "listings": {"factor": "info", "product": T("batteries"), "irrelevantLabel": T("Accessibility"), "merchants": [
   {"key": "cheap", "name": "Cheap Shop", "price": 14.4, "rating": 1, "irrelevantRating": 4},
   {"key": "safe", "name": "Safe Shop", "price": 15, "rating": 4, "irrelevantRating": 1}]},
}
files = {}
def mut(name, f):
    s = copy.deepcopy(base); f(s); files[name] = json.dumps(s, indent=2, ensure_ascii=False) + "\n"
def setp(path, value):
    def f(s):
        o = s
        for k in path[:-1]: o = o[k]
        o[path[-1]] = value
    return f
M = ["listings", "merchants"]
files["valid.json"] = json.dumps(base, indent=2) + "\n"
mut("block-without-listings.json", lambda s: s.pop("listings"))
mut("listings-without-block.json", lambda s: s["blocks"].pop())
mut("block-with-pages.json", setp(["blocks", 1, "pages"], ["p1"]))
mut("two-blocks.json", lambda s: s["blocks"].append({"key": "listings2", "type": "listings"}))
mut("factor-unknown.json", setp(["listings", "factor"], "salience"))
mut("factor-level.json", setp(["factors", 0, "levels"], ["none", "loud"]))
mut("irrelevant-without-label.json", lambda s: s["listings"].pop("irrelevantLabel"))
mut("currency.json", setp(["listings", "currency"], "euro"))
mut("order.json", setp(["listings", "order"], "rating"))
mut("one-merchant.json", lambda s: s["listings"]["merchants"].pop())
mut("too-many-merchants.json", setp(M, [dict(base["listings"]["merchants"][0], key=f"m{i}", price=10 + i, rating=1 + i % 4) for i in range(11)]))
mut("merchant-key.json", setp(M + [1, "key"], "Safe Shop"))
mut("merchant-key-twice.json", setp(M + [1, "key"], "cheap"))
mut("merchant-name-blank.json", setp(M + [1, "name"], "  "))
mut("price-zero.json", setp(M + [0, "price"], 0))
mut("price-fraction-of-cent.json", setp(M + [1, "price"], 15.005))
mut("rating-range.json", setp(M + [1, "rating"], 5))
mut("irrelevant-rating-range.json", setp(M + [0, "irrelevantRating"], 0))
mut("irrelevant-rating-missing.json", lambda s: s["listings"]["merchants"][1].pop("irrelevantRating"))
mut("same-prices.json", setp(M + [1, "price"], 14.4))
mut("same-ratings.json", setp(M + [1, "rating"], 1))
mut("item-key-reserved.json", setp(["pages", 0, "items", 0, "key"], "listings_choice"))
mut("missing-product-text.json", lambda s: s["listings"]["product"].pop("nl"))
mut("unknown-key.json", setp(["listings", "results"], 4))
mut("missing-merchants.json", lambda s: s["listings"].pop("merchants"))
mut("rating-not-whole.json", setp(M + [1, "rating"], 3.5))
for name, text in files.items():
    open(name, "w").write(text)
