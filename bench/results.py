#!/usr/bin/env python3
"""Turns the measurements bench/run.sh left in its work folder into the results table (markdown, on stdout)."""
import datetime, json, os, platform, statistics, sys

work, levels, small, big = sys.argv[1], sys.argv[2].split(), int(sys.argv[3]), int(sys.argv[4])
rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 1


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
def load(name):
    try:
        r = json.loads(read(name, "{}") or "{}")
        return None if not r or r.get("failed") else r
    except json.JSONDecodeError:
        return None


def spread(values, fmt):
    values = sorted(v for v in values if v is not None)
    if not values:
        return ""
    med = statistics.median(values)
    return fmt.format(med) if len(values) == 1 else f"{fmt.format(med)} [{fmt.format(values[0])}-{fmt.format(values[-1])}]"


def check_text(runs):
    checks = [r.get("check") or {} for r in runs]
    answers = sum(c.get("answers", 0) for c in checks)
    return ("yes" if checks and all(c.get("ok") for c in checks) else "NO") + f" ({answers:,} answers)"


notes = []
def row(label, runs):
    if not runs:
        return f"| {label} | not run | | | | | | | | | |"
    for r in runs:
        for e in r.get("error_samples", []):
            notes.append(f"- {label}: {e}")
        c = r.get("check") or {}
        if not c.get("ok"):
            notes.append(f"- {label}: exactly-once check failed: {json.dumps(c)}")
    web = [r.get("web_cpu_ms_per_submission") for r in runs]
    pg = [r.get("pg_cpu_ms_per_submission") for r in runs]
    both = [w + g for w, g in zip(web, pg) if w is not None and g is not None]
    return (f"| {label} | {spread([r['submissions_per_s'] for r in runs], '{:,.0f}')} | {spread([r['post_p50_ms'] for r in runs], '{:.0f}')} | "
            f"{spread([r['post_p95_ms'] for r in runs], '{:.0f}')} | {spread([r['post_p99_ms'] for r in runs], '{:.0f}')} | "
            f"{sum(r['errors'] for r in runs)} | {check_text(runs)} | {spread(web, '{:.2f}')} | {spread(pg, '{:.2f}')} | {spread(both, '{:.2f}')} | "
            f"{spread([r.get('loadgen_cpu_ms_per_submission') for r in runs], '{:.2f}')} |")


out.append("## a) Participant flow over HTTP (bench/LoadGen, seed study without a target per cell)\n")
out.append("Targets (issue #20): the first 60 s on a fresh database within 15% of the steady state; at concurrency 200 "
           ">= 2,000 page submissions/s, POST p99 < 100 ms, web + PostgreSQL CPU <= 0.5 ms per submission; 0 errors and "
           "every answer exactly once at every level.\n")
if os.environ.get("BENCH_NOTE"):
    out.append(os.environ["BENCH_NOTE"] + "\n")
out.append(f"Closed loop: each worker walks one new participant after the other (study link, consent, every page, end), "
           f"no pauses. {rounds} round(s) per level{'; median [min-max]' if rounds > 1 else ''}. CPU per submission from /proc "
           f"over the measured window: Survey.Web, PostgreSQL (all its processes), the generator.\n")
out.append("| run | submissions/s | POST p50 ms | POST p95 ms | POST p99 ms | errors | exactly once | web CPU ms | PostgreSQL CPU ms | web + PostgreSQL ms | generator CPU ms |")
out.append("|---|---|---|---|---|---|---|---|---|---|---|")
fresh_rounds = [(f, n) for f, n in ((load(f"fresh-{i}.json"), load(f"next-{i}.json")) for i in range(1, 10)) if f]
fresh = fresh_rounds[0][0] if fresh_rounds else load("fresh.json")
steady = {c: [r for r in (load(f"steady-{c}-{i}.json") for i in range(1, rounds + 1)) if r] for c in levels}
for c in levels:
    out.append(row(f"concurrency {c}", steady[c]))
out.append(row("first 60 s on a fresh database, concurrency 200", [f for f, _ in fresh_rounds] or ([fresh] if fresh else [])))
nexts = [n for _, n in fresh_rounds if n]
if nexts:
    out.append(row("the next 60 s on the same tables, concurrency 200", nexts))
cold = load("cold.json")
if cold:
    out.append(row("first 60 s of a just-started web process on a fresh database, concurrency 200", [cold]))
if fresh:
    ref = steady.get("200") or []
    ratio = fresh["submissions_per_s"] / statistics.median([r["submissions_per_s"] for r in ref]) if ref else None
    out.append(f"\nFresh database, submissions/s per 10 s: {', '.join(f'{x:,.0f}' for x in fresh.get('slices_per_s', []))}"
               + (f"; {ratio:.0%} of the steady state at concurrency 200." if ratio else "."))
    pairs = [(f["submissions_per_s"], n["submissions_per_s"]) for f, n in fresh_rounds if n]
    if pairs:
        out.append("Each fresh minute next to the minute right after it (same web process, same tables, same generator start; the "
                   "database's effect alone): " + ", ".join(f"{a:,.0f} / {b:,.0f} = {a / b:.0%}" for a, b in pairs)
                   + f"; median {statistics.median(a / b for a, b in pairs):.0%}.")
    scans = [l.split("\t") for l in read("fresh-scans.tsv").splitlines() if l]
    if scans:
        out.append("Sequential / index scans in that minute: " + ", ".join(f"{t} {int(sq):,} / {int(ix):,}" for t, sq, ix in scans)
                   + " (counted after the generator's exactly-once check, whose joins look rows up in panel_id and participant by index; the app's own share is not separated).")
if cold:
    ref = steady.get("200") or []
    ratio = cold["submissions_per_s"] / statistics.median([r["submissions_per_s"] for r in ref]) if ref else None
    out.append(f"\nJust-started web process (a launch right after a deploy), submissions/s per 10 s: "
               f"{', '.join(f'{x:,.0f}' for x in cold.get('slices_per_s', []))}" + (f"; {ratio:.0%} of the steady state at concurrency 200." if ratio else ".")
               + " The difference to the fresh-database row is the web process's start: compiling (JIT) the pages' code while they are served.")
out.append("\nA submission is a POST of a form (consent, every page, and a checkout sent again after its messages); latency from "
           "send to last byte. Exactly once: every answer (radio group or select named like a questionnaire item of the study) "
           "of a submission the app accepted with a redirect is in `response` once, nothing else is, and the participants and "
           "completions in the database are the ones the generator saw.\n")
out.extend(notes)

if not os.path.exists(os.path.join(work, "sim-small.time")):
    out.append("\n## b), c) Export and report: not run (BENCH_ONLY=http); the last full run is in this file's git history.")
else:
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
out.append("\nThe profiles behind these figures: [bench/http-profile.md](http-profile.md) (participant flow), "
           "[bench/export-profile.md](export-profile.md) (export).")
print("\n".join(out))
