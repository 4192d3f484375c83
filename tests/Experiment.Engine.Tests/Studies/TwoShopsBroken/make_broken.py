# Writes the broken two-shops study files of this folder from one valid base (run: python3 make_broken.py). Each
# file breaks one rule of the two-shops block; TwoShopsRulesTests pins the exact path and message reported for it.
import json, copy
def T(en, nl=None): return {"en": en, "nl": nl or en}
base = {
 "id": "broken-two-shops", "version": 1, "languages": ["en", "nl"], "demo": True,
 "title": T("Broken"),
 "texts": {"consent": T("Consent"), "instructions": T("Instructions"), "debrief": T("Debrief")},
 "factors": [{"key": "gap", "levels": ["0", "1"]}, {"key": "invasive", "levels": ["a", "b"]}, {"key": "first", "levels": ["a", "b"]}],
 "blocks": [{"key": "questionnaire", "type": "pages", "pages": ["p1"]}, {"key": "shops", "type": "two_shops"}],
 "pages": [{"key": "p1", "title": T("Page"), "items": [{"key": "q_yes", "type": "yesno", "text": T("Yes?")}]}],
 "twoShops": {
  "products": [{"name": T("DVD"), "price": 9.99}],
  "shops": [{"key": "a", "name": T("Shop A")}, {"key": "b", "name": T("Shop B")}],
  "fields": [{"key": "birth_date", "type": "date", "label": T("Date of birth")},
             {"key": "income", "type": "income", "label": T("Monthly income")},
             {"key": "birth_year", "type": "year", "label": T("Year of birth")}],
  "asksMore": ["birth_date", "income"], "asksLess": ["birth_year"],
  "gapFactor": "gap", "invasiveFactor": "invasive", "positionFactor": "first",
 },
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
files["valid.json"] = json.dumps(base, indent=2) + "\n"
mut("block-without-two-shops.json", lambda s: s.pop("twoShops"))
mut("two-shops-without-block.json", lambda s: s["blocks"].pop())
mut("block-with-pages.json", setp(["blocks", 1, "pages"], ["p1"]))
mut("two-blocks.json", lambda s: s["blocks"].append({"key": "shops2", "type": "two_shops"}))
mut("currency.json", setp(["twoShops", "currency"], "euro"))
mut("mode-browser.json", setp(["twoShops", "disclosureMode"], "browser"))
mut("no-products.json", setp(["twoShops", "products"], []))
mut("too-many-products.json", setp(["twoShops", "products"], [{"name": T("DVD %d" % i), "price": 5} for i in range(7)]))
mut("price-zero.json", setp(["twoShops", "products", 0, "price"], 0))
mut("price-fraction-of-cent.json", setp(["twoShops", "products", 0, "price"], 9.995))
mut("three-shops.json", lambda s: s["twoShops"]["shops"].append({"key": "c", "name": T("Shop C")}))
mut("same-shop-keys.json", setp(["twoShops", "shops", 1, "key"], "a"))
mut("no-fields.json", lambda s: (s["twoShops"].update({"fields": [], "asksMore": [], "asksLess": []})))
mut("field-key-twice.json", lambda s: s["twoShops"]["fields"].append({"key": "income", "type": "income", "label": T("Income")}))
mut("field-type-bsn.json", setp(["twoShops", "fields", 0, "type"], "bsn"))
mut("asks-more-empty.json", setp(["twoShops", "asksMore"], []))
mut("asks-unknown-field.json", setp(["twoShops", "asksLess"], ["phone"]))
mut("asks-field-twice.json", setp(["twoShops", "asksMore"], ["birth_date", "birth_date"]))
mut("asks-the-same.json", setp(["twoShops", "asksLess"], ["income", "birth_date"]))
mut("gap-factor-unknown.json", setp(["twoShops", "gapFactor"], "price"))
mut("gap-level-not-amount.json", setp(["factors", 0, "levels"], ["0", "one"]))
mut("gap-level-fraction-of-cent.json", setp(["factors", 0, "levels"], ["0", "0.005"]))
mut("gap-level-too-big.json", setp(["factors", 0, "levels"], ["0", "9.99"]))
mut("invasive-factor-unknown.json", setp(["twoShops", "invasiveFactor"], "asker"))
mut("invasive-factor-is-gap.json", setp(["twoShops", "invasiveFactor"], "gap"))
mut("position-factor-levels.json", setp(["factors", 2, "levels"], ["left", "right"]))
mut("position-is-invasive.json", setp(["twoShops", "positionFactor"], "invasive"))
mut("item-key-reserved.json", setp(["pages", 0, "items", 0, "key"], "twoshops_choice"))
mut("missing-shop-name.json", lambda s: s["twoShops"]["shops"][0]["name"].pop("nl"))
mut("unknown-key.json", setp(["twoShops", "colour"], "red"))
mut("missing-gap-factor.json", lambda s: s["twoShops"].pop("gapFactor"))
def shop_none(s):
    s["twoShops"]["shops"][1]["key"] = "none"
    for f in s["factors"][1:]: f["levels"] = ["a", "none"]
mut("shop-key-none.json", shop_none)
mut("allow-no-purchase-text.json", setp(["twoShops", "allowNoPurchase"], "yes"))
for name, text in files.items():
    open(name, "w").write(text)
