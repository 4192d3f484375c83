#!/usr/bin/env python3
"""The web process's share of a bench/profile.sh perf recording, by frame, for async code.

    bench/perf-sync.py PROFILE_OUT/perf.data WEB_PID [FRAME-SUBSTRING ...]

perf's --children view charges an async method with every continuation it resumes (the rest of the request runs
inside the Npgsql read that completed), so Kestrel, Npgsql and Dapper look as if they did everything. Here each
sample's stack is cut at the first continuation boundary (SetResult, RunContinuations, ...), so a frame is charged
only with the work done synchronously under it. Samples of the tiered-compilation thread (the JIT) are counted
apart. Without substrings: the 150 frames with the largest share; with them: the share of each.
"""
import collections, re, subprocess, sys

TIER = re.compile(r'\[(OptimizedTier1|Tier0|Tier1|InstrumentedTier|InstrumentedTierOptimized|Optimized|QuickJitted|OptimizedTier1OSR)\]$')
BOUNDARY = re.compile(r'SetResult|SetExistingTaskResult|RunContinuations|TrySetResult|FinishContinuations|SetException'
                      r'|RunOrScheduleAction|ManualResetValueTaskSourceCore|InvokeContinuation|OnCompleted|IValueTaskSource')


def frame(line):
    s = re.sub(r'^[0-9a-f]+ ', '', line.strip())
    s = re.sub(r'\(.*$', '', TIER.sub('', s))
    return re.sub(r'^\[[^\]]*\] ', '', re.sub(r'^(instance )?\S+ \[[^\]]*\]\S* ', '', s))


def main():
    data, pid, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]
    out = subprocess.run(['perf', 'script', '-i', data, '--pid', pid, '-F', 'comm,tid,ip,sym'],
                         capture_output=True, text=True, check=True).stdout
    stacks, jit, cur = [], 0, None
    for line in out.split('\n') + ['']:
        if not line.strip():
            if cur is not None:
                if 'Tiered' in cur[0]: jit += 1
                else: stacks.append(cur[1])
            cur = None
        elif not line.startswith('\t'): cur = (line, [])
        elif cur is not None: cur[1].append(frame(line))
    cut = [st[:next((i for i, f in enumerate(st) if BOUNDARY.search(f)), len(st))] for st in stacks]
    n = len(cut) or 1
    print(f'web samples: {len(cut)} (JIT thread apart: {jit})')
    if wanted:
        for w in wanted:
            print(f'{100 * sum(1 for st in cut if any(w in f for f in st)) / n:5.1f}% {w}')
        return
    share = collections.Counter(f for st in cut for f in set(st))
    for f, c in share.most_common(150):
        print(f'{100 * c / n:5.1f}% {f[:170]}')


if __name__ == '__main__':
    main()
