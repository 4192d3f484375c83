# Writes the broken study files of this folder from one valid base (run: python3 make_broken.py). Each file
# breaks one rule; StudyFileTests pins the exact path and message reported for it.
import json, copy
def T(en, nl=None): return {"en": en, "nl": nl or en}
base = {
 "id": "broken", "version": 1, "languages": ["en", "nl"],
 "title": T("Broken"),
 "texts": {"consent": T("Consent"), "instructions": T("Instructions"), "debrief": T("Debrief")},
 "ethics": {"institution": T("University"), "researcher": {"name": "J. Jansen", "email": "j.jansen@example.org"},
            "dataController": T("University"), "approval": "ERB-2026-017"},
 "factors": [{"key": "discount", "levels": ["0", "5"]}],
 "blocks": [{"key": "questionnaire", "type": "pages", "pages": ["p1"]}, {"key": "shop", "type": "shop"}],
 "blockOrders": [["questionnaire", "shop"], ["shop", "questionnaire"]],
 "pages": [{"key": "p1", "title": T("Page"), "items": [
    {"key": "q_likert", "type": "likert", "text": T("Agree?"), "points": 7, "minLabel": T("No"), "maxLabel": T("Yes")},
    {"key": "will_mobile", "type": "yesno", "text": T("Mobile for a discount?")},
    {"key": "q_choice", "type": "choice", "text": T("Pick"), "options": [{"code": "a", "text": T("A")}, {"code": "b", "text": T("B")}]},
    {"key": "q_number", "type": "number", "text": T("How many?"), "min": 0, "max": 10},
    {"key": "q_text", "type": "text", "text": T("Say"), "maxLength": 100}]}],
 "shop": {"name": T("Shop"), "products": [{"key": "powerbank", "name": T("Power bank"), "price": 24.95, "image": "powerbank.svg"}],
   "fields": [
    {"key": "email", "type": "email", "label": T("E-mail"), "necessity": "required", "sensitivity": 1},
    {"key": "mobile", "type": "mobile", "label": T("Mobile"), "necessity": "optional", "sensitivity": 3,
     "offers": {"discount=0": 0, "discount=5": 5}, "pairedItem": "will_mobile"}]},
}
files = {}
def mut(name, f):
    s = copy.deepcopy(base); f(s); files[name] = json.dumps(s, indent=2, ensure_ascii=False)
def setp(path, value):
    def f(s):
        o = s
        for k in path[:-1]: o = o[k]
        o[path[-1]] = value
    return f
def delp(path):
    def f(s):
        o = s
        for k in path[:-1]: o = o[k]
        del o[path[-1]]
    return f
files["valid.json"] = "// a comment, and a trailing comma below\n" + json.dumps(base, indent=2)[:-2] + ",\n}\n"
files["malformed.json"] = '{\n  "id": "broken",\n  "version": 1\n  "languages": ["en"]\n}\n'
mut("unknown-key.json", setp(["shop", "fields", 1, "colour"], "red"))
mut("missing-key.json", delp(["texts", "debrief"]))
mut("wrong-type.json", setp(["version"], "1"))
mut("missing-text.json", lambda s: s["pages"][0]["items"][0]["text"].pop("nl"))
mut("undeclared-language.json", setp(["title", "de"], "Kaputt"))
mut("duplicate-item.json", setp(["pages", 0, "items", 3, "key"], "q_likert"))
mut("duplicate-page.json", lambda s: s["pages"].append(copy.deepcopy(s["pages"][0]) | {"items": [{"key": "q_other", "type": "yesno", "text": T("Other?")}]}))
mut("duplicate-field.json", setp(["shop", "fields", 1, "key"], "email"))
mut("duplicate-product.json", lambda s: s["shop"]["products"].append(copy.deepcopy(s["shop"]["products"][0])))
mut("duplicate-block.json", lambda s: (setp(["blocks", 1, "key"], "questionnaire")(s), s.pop("blockOrders")))
mut("duplicate-factor.json", lambda s: s["factors"].append({"key": "discount", "levels": ["0", "5"]}))
mut("duplicate-level.json", setp(["factors", 0, "levels"], ["0", "5", "0"]))
mut("duplicate-option.json", setp(["pages", 0, "items", 2, "options", 1, "code"], "a"))
mut("min-above-max.json", setp(["pages", 0, "items", 3, "min"], 20))
mut("too-few-points.json", setp(["pages", 0, "items", 0, "points"], 1))
mut("max-length-zero.json", setp(["pages", 0, "items", 4, "maxLength"], 0))
mut("sensitivity-range.json", setp(["shop", "fields", 1, "sensitivity"], 6))
mut("offer-range.json", setp(["shop", "fields", 1, "offers", "discount=5"], 150))
mut("negative-price.json", setp(["shop", "products", 0, "price"], -1))
mut("offer-unknown-level.json", setp(["shop", "fields", 1, "offers"], {"discount=0": 0, "discount=15": 15}))
mut("offer-unknown-factor.json", setp(["shop", "fields", 1, "offers"], {"*": 0, "price=5": 5}))
mut("block-order-not-permutation.json", setp(["blockOrders", 1], ["shop", "shop"]))
mut("block-unknown-page.json", setp(["blocks", 0, "pages"], ["p1", "p2"]))
mut("attention-expected.json", setp(["pages", 0, "items", 0, "expected"], "8"))
mut("paired-item-missing.json", setp(["shop", "fields", 1, "pairedItem"], "share_bsn"))
mut("paired-item-not-yesno.json", setp(["shop", "fields", 1, "pairedItem"], "q_likert"))
files["language-without-labels.json"] = json.dumps(base, indent=2).replace('"nl":', '"de":').replace('"languages": [\n    "en",\n    "nl"', '"languages": [\n    "en",\n    "de"')
mut("image-path.json", setp(["shop", "products", 0, "image"], "../secrets/powerbank.svg"))
mut("ethics-missing.json", delp(["ethics"]))
mut("ethics-email.json", setp(["ethics", "researcher", "email"], "jansen at the university"))
mut("ethics-name-blank.json", setp(["ethics", "researcher", "name"], " "))
mut("ethics-approval-blank.json", setp(["ethics", "approval"], ""))
mut("ethics-controller-missing.json", delp(["ethics", "dataController"]))
LABELS7 = [T("No"), T("Rather not"), T("Slightly not"), T("Neither"), T("Slightly"), T("Rather"), T("Yes")]
mut("point-labels-count.json", setp(["pages", 0, "items", 0, "pointLabels"], LABELS7[:3]))
mut("point-labels-end.json", setp(["pages", 0, "items", 0, "pointLabels"], LABELS7[:6] + [T("Yes", "Ja")]))
mut("point-labels-not-likert.json", setp(["pages", 0, "items", 1, "pointLabels"], LABELS7[:2]))
mut("default-language.json", setp(["defaultLanguage"], "fr"))
# Declared exclusion rules (study-format.md, "Exclusions"): one file per way to get them wrong.
mut("exclusion-unknown-rule.json", setp(["exclusions"], [{"rule": "attention_failed"}, {"rule": "too_fast"}]))
mut("exclusion-duplicate-rule.json", setp(["exclusions"], [{"rule": "pilot"}, {"rule": "pilot"}]))
mut("exclusion-speeder-no-threshold.json", setp(["exclusions"], [{"rule": "speeder"}]))
mut("exclusion-speeder-both-thresholds.json", setp(["exclusions"], [{"rule": "speeder", "minSeconds": 60, "fractionOfMedian": 0.3}]))
mut("exclusion-speeder-fraction-range.json", setp(["exclusions"], [{"rule": "speeder", "fractionOfMedian": 1.5}]))
mut("exclusion-speeder-seconds-range.json", setp(["exclusions"], [{"rule": "debrief_not_reached"}, {"rule": "speeder", "minSeconds": 0}]))
mut("exclusion-threshold-on-other-rule.json", setp(["exclusions"], [{"rule": "attention_failed", "minSeconds": 60}]))
mut("exclusion-unknown-key.json", setp(["exclusions"], [{"rule": "pilot", "maxSeconds": 60}]))
files["duplicate-json-key.json"] = json.dumps(base, indent=2).replace('"version": 1,', '"version": 1,\n  "version": 2,')
for name, text in files.items():
    open(name, "w").write(text + ("" if text.endswith("\n") else "\n"))
print(len(files))
