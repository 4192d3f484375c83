# Writes the broken framing study files of this folder from one valid base (run: python3 make_broken.py). Each
# file breaks one rule of requiredIn; FramingRulesTests pins the exact path and message reported for it.
import json, copy
def T(en, nl=None): return {"en": en, "nl": nl or en}
base = {
 "id": "broken-framing", "version": 1, "languages": ["en", "nl"], "demo": True,
 "title": T("Broken"),
 "texts": {"consent": T("Consent"), "instructions": T("Instructions"), "debrief": T("Debrief")},
 "factors": [{"key": "framing", "levels": ["optional", "required"]}],
 "blocks": [{"key": "shop", "type": "shop"}],
 "pages": [],
 "shop": {
  "name": T("Shop"),
  "products": [{"key": "powerbank", "name": T("Power bank"), "price": 20, "image": "powerbank.svg"}],
  "fields": [
   {"key": "name", "type": "text", "label": T("Name"), "necessity": "required", "sensitivity": 1},
   {"key": "colour", "type": "choice", "label": T("Favourite colour"), "necessity": "optional", "sensitivity": 1,
    "options": [{"code": "red", "text": T("Red")}, {"code": "blue", "text": T("Blue")}], "requiredIn": ["framing=required"]},
   {"key": "dob", "type": "date", "label": T("Date of birth"), "necessity": "optional", "sensitivity": 3},
  ],
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
F = ["shop", "fields", 1]
files["valid.json"] = json.dumps(base, indent=2) + "\n"
mut("on-required-field.json", setp(["shop", "fields", 0, "requiredIn"], ["framing=required"]))
mut("empty-list.json", setp(F + ["requiredIn"], []))
mut("unknown-factor.json", setp(F + ["requiredIn"], ["frame=required"]))
mut("unknown-level.json", setp(F + ["requiredIn"], ["framing=mandatory"]))
mut("required-everywhere.json", setp(F + ["requiredIn"], ["*"]))
mut("offer-where-required.json", setp(F + ["offers"], {"*": 5}))
mut("not-typed.json", setp(F + ["disclosureMode"], "choice"))
mut("not-a-list.json", setp(F + ["requiredIn"], "framing=required"))
def no_cell(s):
    s["factors"].append({"key": "shown", "levels": ["a", "b"]})
    s["cells"] = [{"levels": {"framing": "optional", "shown": "a"}}, {"levels": {"framing": "required", "shown": "b"}}]
    s["shop"]["fields"][1]["requiredIn"] = ["framing=required;shown=a"]
mut("matches-no-cell.json", no_cell)
for name, text in files.items():
    open(name, "w").write(text)
