#!/usr/bin/env python3
"""Cross-checks srl's Transformer against an independent PyTorch implementation (scripts/torch_model.py).

For a Qwen2-style model (q/k/v bias, grouped-query attention, tied embeddings) and a Llama-style model
(no bias, multi-head attention, separate LM head), random weights are written as a model folder
(config.json + model.safetensors); `bin/srl logprobs` and `bin/srl generate --greedy` read it, and their
output is compared with PyTorch's: log-probs must agree to 1e-4 and greedy generations must be identical.

Usage (after `mvn -q -DskipTests package`):  /usr/bin/python3 scripts/crosscheck-torch.py
Needs torch (Debian: apt-get install python3-torch). Not part of the build.
"""
import json
import os
import random
import struct
import subprocess
import sys
import tempfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from torch_model import Config, Model, param_shapes  # noqa: E402

SRL = os.path.join(HERE, "..", "bin", "srl")

STYLES = {
    "qwen2": dict(model_type="qwen2", hidden_size=64, intermediate_size=176, num_hidden_layers=2,
                  num_attention_heads=4, num_key_value_heads=2, rms_norm_eps=1e-6, rope_theta=1000000.0,
                  vocab_size=300, tie_word_embeddings=True, attention_bias=True),
    "llama": dict(model_type="llama", hidden_size=48, intermediate_size=128, num_hidden_layers=3,
                  num_attention_heads=4, num_key_value_heads=4, rms_norm_eps=1e-5, rope_theta=10000.0,
                  vocab_size=257, tie_word_embeddings=False, attention_bias=False),
}


def write_safetensors(path, tensors):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().to(torch.float32).numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def random_weights(c, seed):
    g = torch.Generator().manual_seed(seed)
    w = {}
    for name, shape in param_shapes(c).items():
        n = torch.randn(shape, generator=g)
        if name.endswith("norm.weight"):
            w[name] = 1 + 0.1 * n
        elif name.endswith(".bias"):
            w[name] = 0.1 * n
        else:
            w[name] = n * (1.0 / shape[-1] ** 0.5)
    return w


def srl(args, lines):
    with tempfile.TemporaryDirectory() as d:
        inp, out = os.path.join(d, "in.jsonl"), os.path.join(d, "out.jsonl")
        with open(inp, "w") as f:
            for line in lines:
                f.write(json.dumps(line) + "\n")
        env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE")
        subprocess.run([SRL] + args + ["-i", inp, "-o", out], check=True, env=env, stderr=subprocess.DEVNULL)
        with open(out) as f:
            return [json.loads(x) for x in f]


def check(style, hf, seed):
    rng = random.Random(seed)
    c = Config.from_hf(hf)
    w = random_weights(c, seed)
    worst = {}
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "config.json"), "w") as f:
            json.dump(dict(hf, architectures=["X"], hidden_act="silu", max_position_embeddings=512,
                           torch_dtype="float32"), f)
        write_safetensors(os.path.join(folder, "model.safetensors"), w)
        seqs = [[rng.randrange(c.vocab) for _ in range(n)] for n in (2, 5, 17, 40, 64, 9)]
        seqs.append([7] * 12)  # repeated ids
        for dtype, torch_dtype in (("float", torch.float32), ("double", torch.float64)):
            model = Model(c, {k: v.to(torch_dtype) for k, v in w.items()})
            for temp in (1.0, 0.7):
                ours = srl(["logprobs", "--model", folder, "--dtype", dtype, "--temperature", str(temp),
                            "--batch-size", "3"], [{"tokens": s} for s in seqs])
                diff = 0.0
                for s, o in zip(seqs, ours):
                    ref = model.log_probs(s, temp).double()
                    got = torch.tensor(o["logprobs"], dtype=torch.float64)
                    assert got.shape == ref.shape, (got.shape, ref.shape)
                    diff = max(diff, (got - ref).abs().max().item())
                worst[f"logprobs {dtype} T={temp}"] = diff
        prompts = [[rng.randrange(c.vocab) for _ in range(n)] for n in (1, 6, 23, 50)]
        ours = srl(["generate", "--model", folder, "--greedy", "--ignore-eos", "--max-new-tokens", "24",
                    "--batch-size", "4"], [{"tokens": p} for p in prompts])
        model = Model(c, w)
        same = 0
        for p, o in zip(prompts, ours):
            ref = model.generate_greedy(torch.tensor([p]), 24)[0].tolist()
            if ref == o["tokens"]:
                same += 1
            else:
                print(f"  {style}: greedy differs for prompt of length {len(p)}:\n    torch {ref}\n    srl   {o['tokens']}")
        worst["greedy identical"] = f"{same}/{len(prompts)}"
        ok = all(v < 1e-4 for k, v in worst.items() if k.startswith("logprobs")) and same == len(prompts)
    return ok, worst


def main():
    torch.set_num_threads(2)
    all_ok = True
    for i, (style, hf) in enumerate(STYLES.items()):
        ok, worst = check(style, hf, 100 + i)
        all_ok &= ok
        print(f"{style}: {'OK' if ok else 'FAIL'}  " + "  ".join(
            f"{k}: {v:.2e}" if isinstance(v, float) else f"{k}: {v}" for k, v in worst.items()))
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
