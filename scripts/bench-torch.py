"""PyTorch side of `srl bench model`: the same model shapes, step and decoding loop as ModelBenchmark.

Usage: bench-torch.py '{"hidden_size":128, ..., "batch":8, "time":64, "decode_batch":8, "prompt_length":16,
"new_tokens":64, "steps":10, "decode_runs":2, "warmup":3}'   (prints one JSON line)
"""
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_model import Config, Model, param_shapes  # noqa: E402


def main():
    a = json.loads(sys.argv[1])
    torch.set_num_threads(a.get("threads", 2))
    torch.manual_seed(1)
    c = Config.from_hf(a)
    w = {}
    for name, shape in param_shapes(c).items():
        if name.endswith("norm.weight"):
            w[name] = torch.ones(shape)
        elif name.endswith(".bias"):
            w[name] = torch.zeros(shape)
        else:
            w[name] = torch.randn(shape) * 0.02
        w[name].requires_grad_(True)
    model = Model(c, w)
    opt = torch.optim.AdamW(list(w.values()), lr=1e-4, weight_decay=0.01)
    tokens = torch.randint(0, c.vocab, (a["batch"], a["time"]))
    weight = torch.full((a["batch"], a["time"] - 1), -1.0 / (a["batch"] * a["time"]))

    def step():
        logits = model.logits(tokens)
        lp = torch.log_softmax(logits[:, :-1], -1).gather(2, tokens[:, 1:, None])[..., 0]
        loss = (lp * weight).sum()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    for _ in range(a.get("warmup", 3)):
        step()
    times = []
    cpu0 = time.process_time()
    for _ in range(a["steps"]):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    step_ms = statistics.median(times) * 1000
    step_cpu_ms = (time.process_time() - cpu0) * 1000 / a["steps"]

    prompts = torch.randint(0, c.vocab, (a["decode_batch"], a["prompt_length"]))
    with torch.no_grad():
        for _ in range(a.get("warmup", 3)):
            model.generate_greedy(prompts, a["new_tokens"])
        runs = []
        cpu1 = time.process_time()
        for _ in range(a["decode_runs"]):
            t1 = time.perf_counter()
            model.generate_greedy(prompts, a["new_tokens"])
            runs.append(time.perf_counter() - t1)
        dec = statistics.median(runs)
        decode_cpu_ms = (time.process_time() - cpu1) * 1000 / a["decode_runs"] / (a["decode_batch"] * a["new_tokens"])
    print(json.dumps({"step_ms": step_ms, "step_cpu_ms": step_cpu_ms, "decode_cpu_ms_per_token": decode_cpu_ms, "params": sum(t.numel() for t in w.values()), "train_tokens_per_s": a["batch"] * a["time"] / step_ms * 1000,
                      "decode_tokens_per_s": a["decode_batch"] * a["new_tokens"] / dec}))


if __name__ == "__main__":
    main()
