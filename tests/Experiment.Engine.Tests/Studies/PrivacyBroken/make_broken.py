# Writes the broken privacy-statement study files of this folder from one valid base (run: python3 make_broken.py).
# Each file breaks one rule of shop.privacyStatement; PrivacyStatementRulesTests pins the exact path and message.
import json, copy
def T(en, nl=None): return {"en": en, "nl": nl or en}
base = {
 "id": "broken-privacy", "version": 1, "languages": ["en", "nl"], "demo": True,
 "title": T("Broken"),
 "texts": {"consent": T("Consent"), "instructions": T("Instructions"), "debrief": T("Debrief")},
 "factors": [{"key": "notice", "levels": ["plain", "salient"]}],
 "blocks": [{"key": "shop", "type": "shop"}],
 "pages": [],
 "shop": {
  "name": T("Shop"),
  "products": [{"key": "powerbank", "name": T("Power bank"), "price": 20, "image": "powerbank.svg"}],
  "fields": [
   {"key": "name", "type": "text", "label": T("Name"), "necessity": "required", "sensitivity": 1},
   {"key": "dob", "type": "date", "label": T("Date of birth"), "necessity": "optional", "sensitivity": 3},
  ],
  "privacyStatement": {"text": T("We are {shop}.", "Wij zijn {shop}."), "requireScroll": ["notice=salient"]},
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
P = ["shop", "privacyStatement"]
files["valid.json"] = json.dumps(base, indent=2) + "\n"
mut("scroll-empty-list.json", setp(P + ["requireScroll"], []))
mut("scroll-unknown-factor.json", setp(P + ["requireScroll"], ["notise=salient"]))
mut("scroll-unknown-level.json", setp(P + ["requireScroll"], ["notice=loud"]))
mut("scroll-not-a-list.json", setp(P + ["requireScroll"], "notice=salient"))
mut("scroll-not-a-key.json", setp(P + ["requireScroll"], ["salient"]))
mut("text-blank.json", setp(P + ["text"], T("We are {shop}.", " ")))
def no_cell(s):
    s["factors"].append({"key": "shown", "levels": ["a", "b"]})
    s["cells"] = [{"levels": {"notice": "plain", "shown": "a"}}, {"levels": {"notice": "salient", "shown": "b"}}]
    s["shop"]["privacyStatement"]["requireScroll"] = ["notice=salient;shown=a"]
mut("scroll-matches-no-cell.json", no_cell)
for name, text in files.items():
    open(name, "w").write(text)
