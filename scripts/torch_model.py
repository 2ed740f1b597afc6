"""An independent PyTorch implementation of the Llama/Qwen2 decoder that srl-core's Transformer implements.

Written from the architecture description (not from `transformers`) so that it can cross-check the Java
engine: RMSNorm, rotate_half rotary embeddings, grouped-query causal attention with optional q/k/v bias,
SwiGLU MLP, final norm, tied or separate LM head. Weights are a dict of HF-named tensors ([out, in] for
linear layers). Used by crosscheck-torch.py and bench-torch.py; not part of the build.
"""
import math

import torch


class Config:
    def __init__(self, d, ff, layers, heads, kv_heads, head_dim, eps, theta, vocab, tied, bias):
        self.d, self.ff, self.layers, self.heads, self.kv_heads = d, ff, layers, heads, kv_heads
        self.head_dim, self.eps, self.theta, self.vocab, self.tied, self.bias = head_dim, eps, theta, vocab, tied, bias

    @staticmethod
    def from_hf(c):
        heads = c["num_attention_heads"]
        return Config(c["hidden_size"], c["intermediate_size"], c["num_hidden_layers"], heads,
                      c.get("num_key_value_heads", heads), c.get("head_dim", c["hidden_size"] // heads),
                      c.get("rms_norm_eps", 1e-6), c.get("rope_theta", 10000.0), c["vocab_size"],
                      c.get("tie_word_embeddings", False), c.get("attention_bias", c.get("model_type") == "qwen2"))


def param_shapes(c):
    q, kv = c.heads * c.head_dim, c.kv_heads * c.head_dim
    s = {"model.embed_tokens.weight": (c.vocab, c.d)}
    for i in range(c.layers):
        p = f"model.layers.{i}."
        s[p + "input_layernorm.weight"] = (c.d,)
        s[p + "self_attn.q_proj.weight"] = (q, c.d)
        s[p + "self_attn.k_proj.weight"] = (kv, c.d)
        s[p + "self_attn.v_proj.weight"] = (kv, c.d)
        if c.bias:
            s[p + "self_attn.q_proj.bias"] = (q,)
            s[p + "self_attn.k_proj.bias"] = (kv,)
            s[p + "self_attn.v_proj.bias"] = (kv,)
        s[p + "self_attn.o_proj.weight"] = (c.d, q)
        s[p + "post_attention_layernorm.weight"] = (c.d,)
        s[p + "mlp.gate_proj.weight"] = (c.ff, c.d)
        s[p + "mlp.up_proj.weight"] = (c.ff, c.d)
        s[p + "mlp.down_proj.weight"] = (c.d, c.ff)
    s["model.norm.weight"] = (c.d,)
    if not c.tied:
        s["lm_head.weight"] = (c.vocab, c.d)
    return s


def rms_norm(x, w, eps):
    return w * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))


def rope_tables(c, positions, dtype):
    # inv_freq in float32 like HF; angles in float64, then cast
    inv = (1.0 / (c.theta ** (torch.arange(0, c.head_dim, 2, dtype=torch.int64).float() / c.head_dim))).double()
    ang = positions.double()[..., None] * inv
    ang = torch.cat([ang, ang], -1)
    return ang.cos().to(dtype), ang.sin().to(dtype)


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat([-x[..., h:], x[..., :h]], -1)


def linear(x, w, b=None):
    y = x @ w.t()
    return y if b is None else y + b


class Model:
    def __init__(self, c, weights):
        self.c, self.w = c, weights
        self.head = weights["model.embed_tokens.weight"] if c.tied else weights["lm_head.weight"]

    def _attn_inputs(self, i, x, cos, sin):
        c, w, p = self.c, self.w, f"model.layers.{i}."
        b_, t_ = x.shape[0], x.shape[1]
        h = rms_norm(x, w[p + "input_layernorm.weight"], c.eps)
        q = linear(h, w[p + "self_attn.q_proj.weight"], w.get(p + "self_attn.q_proj.bias"))
        k = linear(h, w[p + "self_attn.k_proj.weight"], w.get(p + "self_attn.k_proj.bias"))
        v = linear(h, w[p + "self_attn.v_proj.weight"], w.get(p + "self_attn.v_proj.bias"))
        q = q.view(b_, t_, c.heads, c.head_dim).transpose(1, 2)
        k = k.view(b_, t_, c.kv_heads, c.head_dim).transpose(1, 2)
        v = v.view(b_, t_, c.kv_heads, c.head_dim).transpose(1, 2)
        cos, sin = cos[:, None], sin[:, None]
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        return q, k, v

    def _finish(self, i, x, att):
        c, w, p = self.c, self.w, f"model.layers.{i}."
        b_, t_ = x.shape[0], x.shape[1]
        att = att.transpose(1, 2).reshape(b_, t_, c.heads * c.head_dim)
        x = x + linear(att, w[p + "self_attn.o_proj.weight"])
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], c.eps)
        g = linear(h, w[p + "mlp.gate_proj.weight"])
        u = linear(h, w[p + "mlp.up_proj.weight"])
        return x + linear(torch.nn.functional.silu(g) * u, w[p + "mlp.down_proj.weight"])

    def _attend(self, q, k, v, mask):
        rep = self.c.heads // self.c.kv_heads
        k = k.repeat_interleave(rep, dim=1)
        v = v.repeat_interleave(rep, dim=1)
        s = (q @ k.transpose(-1, -2)) / math.sqrt(self.c.head_dim)
        s = s.masked_fill(~mask, float("-inf"))
        return torch.softmax(s, -1) @ v

    def logits(self, tokens):
        """tokens [B, T] -> logits [B, T, V] (causal, no cache)."""
        b_, t_ = tokens.shape
        x = self.w["model.embed_tokens.weight"][tokens]
        cos, sin = rope_tables(self.c, torch.arange(t_).expand(b_, t_), x.dtype)
        mask = torch.ones(t_, t_, dtype=torch.bool).tril()
        for i in range(self.c.layers):
            q, k, v = self._attn_inputs(i, x, cos, sin)
            x = self._finish(i, x, self._attend(q, k, v, mask))
        return linear(rms_norm(x, self.w["model.norm.weight"], self.c.eps), self.head)

    def log_probs(self, tokens, temperature=1.0):
        """log p(t_i | t_<i) for i >= 1 of one sequence (list of ids)."""
        t = torch.tensor([tokens])
        lp = torch.log_softmax(self.logits(t)[0, :-1] / temperature, -1)
        return lp.gather(1, t[0, 1:, None])[:, 0]

    def generate_greedy(self, prompts, n):
        """Greedy decoding of equal-length prompts [B, T0] with a KV cache: returns [B, n] new ids."""
        b_, t0 = prompts.shape
        cache = [None] * self.c.layers
        x = self.w["model.embed_tokens.weight"][prompts]
        pos = torch.arange(t0).expand(b_, t0)
        out = []
        for step in range(n):
            cos, sin = rope_tables(self.c, pos, x.dtype)
            t_ = x.shape[1]
            total = pos[0, -1].item() + 1
            mask = torch.ones(t_, total, dtype=torch.bool).tril(diagonal=total - t_)
            for i in range(self.c.layers):
                q, k, v = self._attn_inputs(i, x, cos, sin)
                if cache[i] is not None:
                    k = torch.cat([cache[i][0], k], 2)
                    v = torch.cat([cache[i][1], v], 2)
                cache[i] = (k, v)
                x = self._finish(i, x, self._attend(q, k, v, mask))
            logits = linear(rms_norm(x[:, -1], self.w["model.norm.weight"], self.c.eps), self.head)
            nxt = logits.argmax(-1)
            out.append(nxt)
            x = self.w["model.embed_tokens.weight"][nxt][:, None]
            pos = pos[:, -1:] + 1
        return torch.stack(out, 1)
