# CPython's difflib as an oracle for dev.srl.core.reward.SequenceMatcher (cross-check test and benchmark).
# Input on stdin: JSON lines {"a": str, "b": str, "autojunk": bool}.
#   check        -> one JSON line per pair: {"ratio": float, "blocks": [[i, j, n], ...]}
#   bench REPS   -> one JSON line: {"seconds": [per repetition], "ratios": [...]}, timed with perf_counter
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
        for a, b, autojunk in pairs:
            m = SequenceMatcher(None, a, b, autojunk=autojunk)
            blocks = [[x.a, x.b, x.size] for x in m.get_matching_blocks()]
            out.write(json.dumps({"ratio": m.ratio(), "blocks": blocks}) + "\n")
    elif mode == "bench":
        reps = int(sys.argv[2])
        seconds = []
        for _ in range(reps):
            t0 = time.perf_counter()
            for a, b, autojunk in pairs:
                SequenceMatcher(None, a, b, autojunk=autojunk).ratio()
            seconds.append(time.perf_counter() - t0)
        ratios = [SequenceMatcher(None, a, b, autojunk=autojunk).ratio() for a, b, autojunk in pairs]
        out.write(json.dumps({"seconds": seconds, "ratios": ratios, "python": sys.version.split()[0]}) + "\n")
    else:
        raise SystemExit("unknown mode " + mode)


main()
