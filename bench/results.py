#!/usr/bin/env python3
"""Turns the measurements bench/run.sh left in its work folder into the results table (markdown, on stdout)."""
import collections, datetime, json, os, platform, sys

work, levels, small, big = sys.argv[1], sys.argv[2].split(), int(sys.argv[3]), int(sys.argv[4])


def read(name, default=""):
    try:
        with open(os.path.join(work, name)) as f:
            return f.read().strip()
    except FileNotFoundError:
        return default


def timing(name):
    t = read(name + ".time").split()
    return (float(t[0]), int(t[1]) / 1024) if len(t) == 2 else (None, None)


def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


mem_kb = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
out = []
out.append("# Benchmark results\n")
out.append(f"Run {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC by `bench/run.sh` on {os.cpu_count()} cores "
           f"({cpu_model()}), {mem_kb / 1024 / 1024:.1f} GiB memory. PostgreSQL, Survey.Web and the load generator share these cores.\n")

# a) HTTP
out.append("## a) Participant flow over HTTP (seed study, bots without dropout)\n")
out.append("Target at concurrency 200: >= 1,000 page submissions/s, p99 < 150 ms, no errors, nothing lost or doubled.\n")
out.append("| concurrency | participants | completed | page submissions/s | completed/s | p50 ms | p95 ms | p99 ms | pages p99 ms | entry p99 ms | errors | exactly once |")
out.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
notes = []
for c in levels:
    if not os.path.exists(os.path.join(work, f"db-counts-{c}.txt")):
        out.append(f"| {c} | not run | | | | | | | | | | |")
        continue
    try:
        r = json.loads(read(f"http-{c}.json"))
    except json.JSONDecodeError:
        out.append(f"| {c} | run failed | | | | | | | | | | |")
        continue
    expected = collections.Counter()
    for s in r["sessions"]:
        for item, value in s["answers"].items():
            expected[(s["panel_id"], item, value)] += 1
    found = collections.Counter(tuple(line.split("\t")) for line in read(f"db-answers-{c}.tsv").splitlines() if line)
    participants_db, disclosures_db, responses_db = (int(x) for x in read(f"db-counts-{c}.txt").split("|"))
    lost = sum((expected - found).values())
    extra = sum((found - expected).values())
    doubled = sum(1 for v in found.values() if v > 1)
    checkout_expected = sum(s["checkout_rows"] for s in r["sessions"])
    ok = lost == 0 and extra == 0 and doubled == 0 and participants_db == r["consented"] and disclosures_db == checkout_expected
    verdict = "yes" if ok else "NO"
    if not ok:
        notes.append(f"- concurrency {c}: {lost} answers lost, {extra} unexpected, {doubled} doubled; participants {participants_db} in the database "
                     f"vs {r['consented']} consented bots; disclosure rows {disclosures_db} vs {checkout_expected} expected.")
    errors = r["failed"] + (1 if r["timed_out"] else 0)
    out.append(f"| {c} | {r['participants']} | {r['completed']} | {r['submissions_per_s']:.0f} | {r['completed_per_s']:.1f} | "
               f"{r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['pages_p99_ms']:.1f} | {r['entry_p99_ms']:.1f} | {r['failed']}{' (time limit)' if r['timed_out'] else ''} | "
               f"{verdict} ({sum(found.values())} answers) |")
    for e in r["errors"]:
        notes.append(f"- concurrency {c}: {e}")
out.append("\nLatency is per HTTP request (GET of a page, POST of a form), measured by the bots from send to last byte; "
           "pages = the participant pages, entry = the study link and the consent form (where enrolment happens).")
out.append("Exactly once: every (panel id, item, value) the app accepted with a redirect is found once in `response`, "
           "participants = bots that consented, disclosure rows = checkout fields of the checkouts that ended.\n")
out.extend(notes)

# b) export
out.append("\n## b) Export next to PostgreSQL's COPY\n")
out.append("Target: within 2x of COPY of the same rows, memory flat in the number of participants.\n")
out.append("| participants | export s | export MB | export MB/s | export peak RSS MB | COPY s | COPY MB | ratio export/COPY |")
out.append("|---|---|---|---|---|---|---|---|")
for size, n in (("small", small), ("big", big)):
    es, erss = timing(f"export-{size}")
    cs, _ = timing(f"copy-{size}")
    eb = int(read(f"export-{size}.bytes", "0")) / 1e6
    cb = int(read(f"copy-{size}.bytes", "0")) / 1e6
    if es is None or cs is None:
        out.append(f"| {n:,} | {'failed' if os.path.exists(os.path.join(work, f'export-{size}.err')) else 'not run'} | | | | | | |")
        continue
    out.append(f"| {n:,} | {es:.1f} | {eb:.1f} | {eb / es:.1f} | {erss:.0f} | {cs:.1f} | {cb:.1f} | {es / cs:.2f} |")
for size, n in (("small", small), ("big", big - small)):
    s, _ = timing(f"sim-{size}")
    if s is not None:
        out.append(f"\n`simulate --direct` of {n:,} participants took {s:.1f} s.")

# c) report
out.append("\n## c) Report on the export of {:,} participants\n".format(big))
out.append("Target: under 10 s.\n")
rs, rrss = timing("report")
out.append("| participants | report s | peak RSS MB |")
out.append("|---|---|---|")
out.append(f"| {big:,} | {'failed' if rs is None else f'{rs:.1f}'} | {'' if rrss is None else f'{rrss:.0f}'} |")
print("\n".join(out))
