"""Deterministic relevance sample of White House bulk documents (seed 2026).

300 drawn uniformly + 100 drawn from documents that mention peace-process words,
minus documents already in detente's devset. Writes sample.jsonl (full docs) and
views/NNN.txt (what an annotator reads: title, date, opening, keyword paragraphs).
"""
import gzip, json, random, re, pathlib
KW = re.compile(r"cease-?fire|truce|peace (?:talks|process|deal|agreement|plan|negotiat)|negotiat|hostage|armistice|de-?escalat|mediat", re.I)
docs = [json.loads(l) for l in gzip.open("/work/shared/bulk/whitehouse-briefing-room.jsonl.gz", "rt")]
have = set()
for p in pathlib.Path("/work/main/devset/docs").glob("*"):
    try:
        have.add(json.loads(p.read_text()).get("id"))
    except Exception:
        pass
docs = [d for d in docs if d["id"] not in have and d.get("text")]
rng = random.Random(2026)
uniform = rng.sample(docs, 300)
ids = {d["id"] for d in uniform}
kw = [d for d in docs if d["id"] not in ids and KW.search(d["text"])]
extra = rng.sample(kw, 100)
sample = [dict(d, stratum="uniform") for d in uniform] + [dict(d, stratum="keyword") for d in extra]
rng.shuffle(sample)
pathlib.Path("views").mkdir(exist_ok=True)
with open("sample.jsonl", "w") as f:
    for i, d in enumerate(sample):
        d["n"] = i
        f.write(json.dumps(d) + "\n")
        paras = [p for p in d["text"].split("\n") if p.strip()]
        hits = [p for p in paras[3:] if KW.search(p) or re.search(r"\b(?:war|Ukraine|Russia|Gaza|Hamas|Israel|Sudan|Congo|Armenia|Azerbaijan|Iran|talks)\b", p)]
        view = [f"#{i} {d['id']}", f"TITLE: {d['title']}", f"DATE: {d['published']}  LENGTH: {len(d['text'])} chars, {len(paras)} paragraphs", "OPENING:"] + [p[:600] for p in paras[:3]]
        if hits:
            view += [f"KEYWORD PARAGRAPHS ({len(hits)}, first 8):"] + [p[:500] for p in hits[:8]]
        pathlib.Path(f"views/{i:03d}.txt").write_text("\n".join(view) + "\n")
print(len(sample), sum(1 for d in sample if d["stratum"] == "keyword"), len(have))
