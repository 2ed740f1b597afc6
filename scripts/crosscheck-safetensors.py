#!/usr/bin/env python3
"""Independent safetensors cross-check for the Java reader and writer (plain Python: struct + json only).

  crosscheck-safetensors.py write FILE EXPECTED.json
      Writes FILE byte by byte (tensors in non-alphabetical order, unpadded header, F32/F64/F16/BF16,
      a scalar and an empty tensor) and EXPECTED.json: {name: {"dtype", "shape", "values"}} with the
      values as Python decodes them.

  crosscheck-safetensors.py check FILE EXPECTED.json
      Parses FILE (written by the Java writer) with the format's rules and compares every tensor with
      EXPECTED.json, whose "values" are the float32 (or float64) inputs; BF16 tensors are compared
      against this script's own round-to-nearest-even, computed exactly with fractions.

  crosscheck-safetensors.py torch-write FILE EXPECTED.json
  crosscheck-safetensors.py torch-check FILE EXPECTED.json [FILE EXPECTED.json ...]
      The same with PyTorch doing the conversions (float32 -> bfloat16/float16 and back), for
      interpreters that have torch (e.g. Debian's python3-torch); the file layout is still written and
      parsed here, since old torch versions have no safetensors module.

Exit status 0 when everything matches; otherwise a message on stderr and status 1.
"""
import json
import struct
import sys
from fractions import Fraction

FMT = {"F64": ("d", 8), "F32": ("f", 4), "F16": ("e", 2)}


def f32(x):
    return struct.unpack("<f", struct.pack("<f", float(x)))[0]


def bf16_bits_to_float(b):
    return struct.unpack("<f", struct.pack("<I", (b & 0xFFFF) << 16))[0]


def float_to_bf16_bits(x):
    """Nearest bfloat16 to float32 x, ties to even, by exact comparison of the two neighbours."""
    bits = struct.unpack("<I", struct.pack("<f", x))[0]
    lo = bits >> 16
    if bits & 0xFFFF == 0:
        return lo
    hi = lo + 1
    exact = Fraction(x)
    d_lo = abs(Fraction(bf16_bits_to_float(lo)) - exact)
    upper = bf16_bits_to_float(hi)
    if upper in (float("inf"), float("-inf")):
        # Rounding past the largest finite bfloat16: overflow happens at the midpoint, as in IEEE.
        big = Fraction(bf16_bits_to_float(lo))
        step = big - Fraction(bf16_bits_to_float(lo - 1))
        return hi if abs(exact) >= abs(big) + step / 2 else lo
    d_hi = abs(Fraction(upper) - exact)
    if d_lo < d_hi:
        return lo
    if d_hi < d_lo:
        return hi
    return lo if lo % 2 == 0 else hi


def write(path, expected_path):
    tensors = [  # (name, dtype, shape, values)
        ("z.f32", "F32", [2, 3], [f32(v) for v in (1.5, -2.25, 3.0e-39, 1e30, -0.0, 0.1)]),
        ("a.f64", "F64", [3], [3.141592653589793, -1e-300, 2.0 ** 60]),
        ("m.f16", "F16", [2, 2], [1.0, -0.333251953125, 65504.0, 2.0 ** -24]),
        ("b.scalar", "F32", [], [f32(42.5)]),
        ("e.empty", "F32", [0, 2], []),
    ]
    bf_inputs = [1.0, 1.00390625, 1.01171875, 1.005, -3.14159265, 0.1, 3.0e38]
    bf_bits = [float_to_bf16_bits(f32(v)) for v in bf_inputs]
    data = bytearray()
    header = {"__metadata__": {"format": "pt", "source": "python"}}
    expected = {}
    for name, dtype, shape, values in tensors:
        code, _ = FMT[dtype]
        begin = len(data)
        data += struct.pack("<%d%s" % (len(values), code), *values)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [begin, len(data)]}
        expected[name] = {"dtype": dtype, "shape": shape, "values": values}
    begin = len(data)
    data += struct.pack("<%dH" % len(bf_bits), *bf_bits)
    header["c.bf16"] = {"dtype": "BF16", "shape": [7], "data_offsets": [begin, len(data)]}
    expected["c.bf16"] = {"dtype": "BF16", "shape": [7], "values": [bf16_bits_to_float(b) for b in bf_bits]}
    text = json.dumps(header).encode("utf-8")
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(data)
    with open(expected_path, "w") as f:
        json.dump({"tensors": expected, "metadata": header["__metadata__"]}, f)


def fail(msg):
    print("crosscheck: " + msg, file=sys.stderr)
    sys.exit(1)


def check(path, expected_path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    if n % 8 != 0:
        fail("header length %d is not a multiple of 8" % n)
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    with open(expected_path) as f:
        want = json.load(f)
    meta = header.pop("__metadata__", {})
    if meta != want.get("metadata", {}):
        fail("metadata %r != %r" % (meta, want.get("metadata")))
    spans = sorted((h["data_offsets"][0], h["data_offsets"][1], k) for k, h in header.items())
    cursor = 0
    for b, e, k in spans:
        if b != cursor:
            fail("tensor %s starts at %d, expected %d" % (k, b, cursor))
        cursor = e
    if cursor != len(data):
        fail("data section has %d bytes, tensors cover %d" % (len(data), cursor))
    if set(header) != set(want["tensors"]):
        fail("tensor names %s != %s" % (sorted(header), sorted(want["tensors"])))
    for name, w in want["tensors"].items():
        h = header[name]
        if h["dtype"] != w["dtype"] or h["shape"] != w["shape"]:
            fail("%s: %s %s, expected %s %s" % (name, h["dtype"], h["shape"], w["dtype"], w["shape"]))
        b, e = h["data_offsets"]
        count = 1
        for d in h["shape"]:
            count *= d
        if h["dtype"] == "BF16":
            got = list(struct.unpack("<%dH" % count, data[b:e]))
            exp = [float_to_bf16_bits(f32(v)) for v in w["values"]]
        else:
            code, size = FMT[h["dtype"]]
            if e - b != count * size:
                fail("%s: %d bytes for %d elements" % (name, e - b, count))
            got = list(struct.unpack("<%d%s" % (count, code), data[b:e]))
            exp = [f32(v) if h["dtype"] == "F32" else float(v) for v in w["values"]]
        for i, (g, x) in enumerate(zip(got, exp)):
            if struct.pack("<d", float(g)) != struct.pack("<d", float(x)):
                fail("%s[%d]: %r != %r" % (name, i, g, x))
        if len(got) != len(exp):
            fail("%s: %d values, expected %d" % (name, len(got), len(exp)))
    print("crosscheck: %d tensors match" % len(want["tensors"]))


def torch_write(path, expected_path):
    import torch
    g = torch.Generator().manual_seed(0)
    x = torch.randn(3, 5, generator=g) * 3
    tensors = {
        "t.f32": x, "t.bf16": x.to(torch.bfloat16), "t.f16": x.to(torch.float16), "t.f64": x.double() / 7,
        "t.scalar": torch.tensor(2.5), "t.empty": torch.zeros(0, 4),
    }
    names = {torch.float32: "F32", torch.bfloat16: "BF16", torch.float16: "F16", torch.float64: "F64"}
    same_size_int = {torch.float32: torch.int32, torch.bfloat16: torch.int16, torch.float16: torch.int16,
                     torch.float64: torch.int64}
    header, data, expected = {"__metadata__": {"format": "pt"}}, bytearray(), {}
    for name, t in tensors.items():
        t = t.contiguous()
        begin = len(data)
        # Reinterpret as a same-size integer so numpy can give the raw little-endian bytes (bfloat16 has no numpy type).
        data += t.view(same_size_int[t.dtype]).numpy().astype("<i%d" % t.element_size()).tobytes()
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [begin, len(data)]}
        widened = t.double() if t.dtype == torch.float64 else t.float()
        expected[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "values": widened.reshape(-1).tolist()}
    text = json.dumps(header).encode("utf-8")
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + bytes(data))
    with open(expected_path, "w") as f:
        json.dump({"tensors": expected, "metadata": header["__metadata__"]}, f)


def torch_check(path, expected_path):
    import torch
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    header.pop("__metadata__", None)
    data = raw[8 + n:]
    with open(expected_path) as f:
        want = json.load(f)["tensors"]
    dtypes = {"F32": torch.float32, "BF16": torch.bfloat16, "F16": torch.float16, "F64": torch.float64}
    for name, w in want.items():
        h = header[name]
        b, e = h["data_offsets"]
        dt = dtypes[h["dtype"]]
        got = torch.frombuffer(bytearray(data[b:e]), dtype=dt) if e > b else torch.zeros(0, dtype=dt)
        got = got.reshape(h["shape"])
        # What torch itself makes of the float32 (or float64) inputs in the file's dtype.
        source = torch.tensor(w["values"], dtype=torch.float64 if dt == torch.float64 else torch.float32)
        exp = source.to(dt).reshape(w["shape"])
        if got.dtype != exp.dtype or list(got.shape) != list(exp.shape) or not torch.equal(got, exp):
            diff = (got.double() - exp.double()).abs().max().item() if got.numel() else 0
            fail("%s differs from torch's own %s conversion (max |diff| %g)" % (name, h["dtype"], diff))
    print("crosscheck: %d tensors match torch" % len(want))


if __name__ == "__main__":
    modes = {"write": write, "check": check, "torch-write": torch_write, "torch-check": torch_check}
    pairs = sys.argv[2:]
    if len(sys.argv) < 4 or len(pairs) % 2 or sys.argv[1] not in modes:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    for i in range(0, len(pairs), 2):   # several FILE EXPECTED pairs share one interpreter start (torch is slow to import)
        modes[sys.argv[1]](pairs[i], pairs[i + 1])
