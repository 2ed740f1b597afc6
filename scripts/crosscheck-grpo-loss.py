#!/usr/bin/env python3
"""Independent PyTorch-autograd reference for dev.srl.core.train.grpo.GrpoLoss.

Reads a JSON list of cases on stdin and writes, for each case, {"loss": float, "grad": [[...]]} where grad is
dLoss/dLogp computed by torch autograd in float64. GrpoLossCrossCheckTest feeds it random cases (including
exact ties r = 1) and compares with the Java implementation.

Case fields: logp, old, ref (or null), adv, mask ([B][T] lists), clip_low, clip_high, beta, kl ("K1"|"K3"),
agg ("TOKEN_MEAN"|"SEQUENCE_MEAN"|"DR_GRPO_CONSTANT"), max_len.

  echo '[{"logp":[[-1.0]],"old":[[-1.0]],"ref":null,"adv":[[0.5]],"mask":[[1]],"clip_low":0.2,
          "clip_high":0.2,"beta":0,"kl":"K3","agg":"TOKEN_MEAN","max_len":4}]' | python3 scripts/crosscheck-grpo-loss.py
"""
import json
import sys

import torch


def case_loss(c):
    logp = torch.tensor(c["logp"], dtype=torch.float64, requires_grad=True)
    old = torch.tensor(c["old"], dtype=torch.float64)
    adv = torch.tensor(c["adv"], dtype=torch.float64)
    mask = torch.tensor(c["mask"], dtype=torch.float64)
    # The PPO/GRPO clipped surrogate as verl and OpenRLHF write it.
    ratio = torch.exp(torch.clamp(logp - old, -20.0, 20.0))
    surrogate = torch.minimum(ratio * adv, torch.clamp(ratio, 1 - c["clip_low"], 1 + c["clip_high"]) * adv)
    per_token = -surrogate
    if c["beta"] > 0:
        ref = torch.tensor(c["ref"], dtype=torch.float64)
        d = torch.clamp(ref - logp, -20.0, 20.0)
        kl = -d if c["kl"] == "K1" else torch.exp(d) - d - 1
        per_token = per_token + c["beta"] * kl
    if c["agg"] == "TOKEN_MEAN":
        loss = (per_token * mask).sum() / mask.sum()
    elif c["agg"] == "SEQUENCE_MEAN":
        loss = ((per_token * mask).sum(-1) / mask.sum(-1)).mean()
    elif c["agg"] == "DR_GRPO_CONSTANT":
        loss = (per_token * mask).sum() / (mask.shape[0] * c["max_len"])
    else:
        raise ValueError("unknown aggregation " + c["agg"])
    loss.backward()
    return {"loss": loss.item(), "grad": logp.grad.tolist()}


def main():
    cases = json.load(sys.stdin)
    json.dump([case_loss(c) for c in cases], sys.stdout)


if __name__ == "__main__":
    main()
