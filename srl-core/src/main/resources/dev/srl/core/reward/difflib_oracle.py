# CPython's difflib as an oracle for dev.srl.core.reward.SequenceMatcher (cross-check test and benchmark).
# Input on stdin: JSON lines {"a": str, "b": str, "autojunk": bool}.
#   check [JUNK] -> one JSON line per pair: {"ratio": float, "blocks": [[i, j, n], ...]};
#                   with JUNK, isjunk is `lambda c: c in JUNK` (JUNK given as a JSON string)
#   bench REPS   -> one JSON line: {"seconds": [wall, per repetition, perf_counter],
#                   "cpu_seconds": [per repetition, thread_time], "ratios": [...], "python": version}
import json
import sys
import time
from difflib import SequenceMatcher


def main():
    mode = sys.argv[1]
    pairs = []
    for raw in sys.stdin.buffer:
        line = raw.decode("utf-8").strip()
        if line:
            d = json.loads(line)
            pairs.append((d["a"], d["b"], bool(d.get("autojunk", True))))
    out = sys.stdout
    if mode == "check":
        isjunk = None
        if len(sys.argv) > 2:
            junk = json.loads(sys.argv[2])
            isjunk = lambda c: c in junk
        for a, b, autojunk in pairs:
            m = SequenceMatcher(isjunk, a, b, autojunk=autojunk)
            blocks = [[x.a, x.b, x.size] for x in m.get_matching_blocks()]
            out.write(json.dumps({"ratio": m.ratio(), "blocks": blocks}) + "\n")
    elif mode == "bench":
        reps = int(sys.argv[2])
        seconds = []
        cpu_seconds = []
        for _ in range(reps):
            c0 = time.thread_time()
            t0 = time.perf_counter()
            for a, b, autojunk in pairs:
                SequenceMatcher(None, a, b, autojunk=autojunk).ratio()
            seconds.append(time.perf_counter() - t0)
            cpu_seconds.append(time.thread_time() - c0)
        ratios = [SequenceMatcher(None, a, b, autojunk=autojunk).ratio() for a, b, autojunk in pairs]
        out.write(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "ratios": ratios, "python": sys.version.split()[0]}) + "\n")
    else:
        raise SystemExit("unknown mode " + mode)


main()
