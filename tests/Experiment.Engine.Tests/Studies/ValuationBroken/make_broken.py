# Writes the broken valuation study files of this folder from one valid base (run: python3 make_broken.py). Each
# file breaks one rule of the valuation block; ValuationRulesTests pins the exact path and message reported for it.
import json, copy
def T(en, nl=None): return {"en": en, "nl": nl or en}
base = {
 "id": "broken-valuation", "version": 1, "languages": ["en", "nl"], "demo": True,
 "title": T("Broken"),
 "texts": {"consent": T("Consent"), "instructions": T("Instructions"), "debrief": T("Debrief")},
 "factors": [{"key": "frame", "levels": ["wta", "wtp"]}],
 "blocks": [{"key": "questionnaire", "type": "pages", "pages": ["p1"]}, {"key": "valuation", "type": "valuation"}],
 "pages": [{"key": "p1", "title": T("Page"), "items": [{"key": "q_yes", "type": "yesno", "text": T("Yes?")}]}],
 "valuation": {"factor": "frame", "item": T("your purchase history"), "amounts": [0.5, 1, 2, 4]},
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
mut("block-without-valuation.json", lambda s: s.pop("valuation"))
mut("valuation-without-block.json", lambda s: s["blocks"].pop())
mut("block-with-pages.json", setp(["blocks", 1, "pages"], ["p1"]))
mut("two-blocks.json", lambda s: s["blocks"].append({"key": "valuation2", "type": "valuation"}))
mut("factor-unknown.json", setp(["valuation", "factor"], "framing"))
mut("factor-levels.json", setp(["factors", 0, "levels"], ["sell", "pay"]))
mut("currency.json", setp(["valuation", "currency"], "euro"))
mut("too-few-amounts.json", setp(["valuation", "amounts"], [1]))
mut("too-many-amounts.json", setp(["valuation", "amounts"], list(range(1, 32))))
mut("negative-amount.json", setp(["valuation", "amounts", 0], -0.5))
mut("fraction-of-cent.json", setp(["valuation", "amounts", 1], 1.005))
mut("not-ascending.json", setp(["valuation", "amounts", 2], 1))
mut("item-key-reserved.json", setp(["pages", 0, "items", 0, "key"], "valuation_r1"))
mut("missing-item-text.json", lambda s: s["valuation"]["item"].pop("nl"))
mut("unknown-key.json", setp(["valuation", "rows"], 4))
mut("missing-amounts.json", lambda s: s["valuation"].pop("amounts"))
for name, text in files.items():
    open(name, "w").write(text)
