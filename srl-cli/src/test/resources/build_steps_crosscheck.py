"""Independent check of `srl build-steps`: rebuilds the expected instances from the trajectory file
with Python's json module and compares them with what the Java command wrote.

usage: build_steps_crosscheck.py TRAJECTORIES INSTANCES TARGETS CONTEXT K THOUGHTS(0|1) HINT(0|1)
Prints the number of instances checked; exits 1 with the first difference.
"""
import json
import sys

trajs_path, inst_path, targets, context, k, thoughts, hint = sys.argv[1:8]
k, thoughts, hint = int(k), thoughts == "1", hint == "1"

with open(trajs_path, encoding="utf-8") as f:
    trajectories = [json.loads(line) for line in f if line.strip()]
with open(inst_path, encoding="utf-8") as f:
    written = [json.loads(line) for line in f]

expected = []
for t in trajectories:
    steps = t["steps"]
    n = len(steps)
    indices = {"skip-first": range(1, n), "all": range(0, n), "skip-last": range(0, n - 1)}[targets]
    for i in indices:
        lo = 0 if context == "full" else max(0, i - k)
        ctx = []
        for s in steps[lo:i]:
            s = dict(s)
            if not thoughts:
                s.pop("thought", None)
            ctx.append(s)
        e = {"id": f"{t['id']}#{i}", "trajectory_id": t["id"], "step_index": i, "task": t["task"],
             "context": ctx, "target": steps[i]["action"]}
        if hint and steps[i].get("title") is not None:
            e["hint"] = steps[i]["title"]
        expected.append(e)

if len(written) != len(expected):
    print(f"expected {len(expected)} instances, got {len(written)}")
    sys.exit(1)
for e, w in zip(expected, written):
    if "messages" in w:
        if w["prompt"] != "\n\n".join(m["content"] for m in w["messages"]):
            print(f"{w['id']}: prompt is not the messages joined by a blank line")
            sys.exit(1)
        if w["messages"][-1]["role"] != "user" or e["task"] not in w["messages"][-1]["content"]:
            print(f"{w['id']}: the last message is not the user message with the task")
            sys.exit(1)
    w = {key: v for key, v in w.items() if key not in ("prompt", "messages")}
    if w != e:
        print(f"mismatch:\n expected {json.dumps(e)}\n got      {json.dumps(w)}")
        sys.exit(1)
print(len(expected))
