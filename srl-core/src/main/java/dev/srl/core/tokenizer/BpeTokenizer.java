package dev.srl.core.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.io.AtomicOutput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Byte-level BPE read from a Hugging Face {@code tokenizer.json} (Qwen2/2.5/3, GPT-2, Llama 3 style files),
 * giving the same ids as the Rust {@code tokenizers} library with {@code add_special_tokens=False}.
 *
 * <p>Encoding runs Hugging Face's pipeline: added tokens ({@code <|im_start|>}, {@code <think>}, ...) are cut
 * out of the raw text first, leftmost-longest, whether marked special or not; the rest is NFC-normalized
 * when the file says so, split by the pre-tokenizer's regexes, mapped to GPT-2's byte alphabet and merged
 * by BPE rank. Decoding maps tokens back to bytes (added tokens are written literally) and replaces
 * invalid UTF-8 with U+FFFD.
 *
 * <p>A file this class cannot reproduce exactly is refused with an {@link IllegalArgumentException} naming
 * the file and the component: another model type (WordPiece, Unigram, WordLevel), a normalizer other than
 * NFC, a pre-tokenizer other than Split/Digits/ByteLevel, a decoder other than ByteLevel, a post-processor that
 * adds tokens (TemplateProcessing with a BOS, ...), {@code byte_fallback}, dropout, subword prefixes or
 * suffixes, and added tokens with lstrip/rstrip/single_word. Truncation and padding settings in the file
 * are ignored: they belong to batching, not to the vocabulary.
 *
 * <p>End and padding tokens: if a {@code tokenizer_config.json} lies beside the file, its {@code eos_token}
 * comes first in {@link #eosIds()} and its {@code pad_token} is {@link #padId()}; its
 * {@code split_special_tokens: true} makes special tokens in text be tokenized as plain text. Then every
 * one of {@code <|im_end|>}, {@code <|endoftext|>}, {@code <|eot_id|>}, {@code <|end_of_text|>} that is an
 * added token joins the end ids. Without a configured pad token, padding uses {@code <|endoftext|>}, else
 * the first end id, else 0 (padded positions are masked, so any id is safe).
 *
 * <pre>{@code
 * BpeTokenizer tok = BpeTokenizer.load(Path.of("Qwen2.5-0.5B-Instruct/tokenizer.json"));
 * int[] ids = tok.encode("<|im_start|>user\nHello<|im_end|>");   // [151644, 872, 198, 9707, 151645]
 * String back = tok.decode(ids);
 * tok.save(Path.of("runs/a/checkpoints/step-10"));               // writes tokenizer.json (+ tokenizer_config.json)
 * }</pre>
 */
public final class BpeTokenizer implements Tokenizer {
    /** The model type written in {@code model.type}. */
    public static final String TYPE = "BPE";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> KNOWN_END_TOKENS =
            List.of("<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<|end_of_text|>");

    private final byte[] fileBytes;
    private final byte[] configBytes;
    private final BpeModel model;
    private final AddedTokens rawAdded;
    private final AddedTokens normalizedAdded;
    private final boolean nfc;
    private final PreTokenizer preTokenizer;
    private final Map<String, Integer> vocab;
    private final Map<String, Integer> addedIds;
    private final String[] idToToken;
    private final List<Integer> eosIds;
    private final int padId;

    private BpeTokenizer(HfTokenizerFile f, byte[] fileBytes, byte[] configBytes, String source) {
        this.fileBytes = fileBytes;
        this.configBytes = configBytes;
        JsonNode config = readConfig(configBytes, source);

        checkModel(f);
        this.vocab = f.vocab;
        this.nfc = readNormalizer(f, f.section("normalizer"), "normalizer");
        this.preTokenizer = readPreTokenizer(f);
        checkDecoder(f);
        checkPostProcessor(f);

        boolean splitSpecial = config != null && config.path("split_special_tokens").asBoolean(false);
        Map<String, Integer> raw = new LinkedHashMap<>();
        Map<String, Integer> normalized = new LinkedHashMap<>();
        this.addedIds = new LinkedHashMap<>();
        JsonNode added = f.section("added_tokens");
        for (int i = 0; i < added.size(); i++) {
            JsonNode t = added.get(i);
            String where = "added_tokens[" + i + "]";
            if (!t.path("content").isTextual() || t.path("content").asText().isEmpty() || !t.path("id").canConvertToInt()) {
                throw f.error(where + ": needs a non-empty 'content' and an integer 'id'");
            }
            String content = t.get("content").asText();
            int id = t.get("id").intValue();
            for (String flag : List.of("lstrip", "rstrip", "single_word")) {
                if (t.path(flag).asBoolean(false)) {
                    throw f.error(where + " '" + content + "': " + flag + "=true is not supported");
                }
            }
            boolean special = t.path("special").asBoolean(false);
            addedIds.put(content, id);
            if (special && splitSpecial) continue;
            // HF matches tokens with normalized=false on the raw text, the others after normalization.
            boolean isNormalized = t.has("normalized") ? t.get("normalized").asBoolean() : !special;
            (isNormalized ? normalized : raw).put(content, id);
        }
        this.rawAdded = new AddedTokens(raw);
        this.normalizedAdded = new AddedTokens(normalized);

        int size = 0;
        for (int id : vocab.values()) size = Math.max(size, id + 1);
        for (int id : addedIds.values()) size = Math.max(size, id + 1);
        this.idToToken = new String[size];
        vocab.forEach((token, id) -> idToToken[id] = token);
        addedIds.forEach((token, id) -> idToToken[id] = token);

        this.model = new BpeModel(vocab, readMerges(f), readUnk(f), f.modelField("fuse_unk").asBoolean(false),
                f.modelField("ignore_merges").asBoolean(false));

        List<Integer> eos = new ArrayList<>();
        String configEos = config == null ? null : tokenText(config.get("eos_token"));
        if (configEos != null) tokenId(configEos).ifPresent(eos::add);
        for (String t : KNOWN_END_TOKENS) {
            Integer id = addedIds.get(t);
            if (id != null && !eos.contains(id)) eos.add(id);
        }
        this.eosIds = List.copyOf(eos);
        String configPad = config == null ? null : tokenText(config.get("pad_token"));
        OptionalInt pad = configPad == null ? OptionalInt.empty() : tokenId(configPad);
        if (pad.isEmpty() && addedIds.containsKey("<|endoftext|>")) pad = OptionalInt.of(addedIds.get("<|endoftext|>"));
        this.padId = pad.orElse(eos.isEmpty() ? 0 : eos.get(0));
    }

    /**
     * Reads a {@code tokenizer.json}, and the {@code tokenizer_config.json} beside it when there is one.
     *
     * @throws IllegalArgumentException when the file is malformed or uses a component that is not supported
     */
    public static BpeTokenizer load(Path file) throws IOException {
        Path config = file.toAbsolutePath().resolveSibling("tokenizer_config.json");
        byte[] configBytes = Files.isRegularFile(config) ? Files.readAllBytes(config) : null;
        byte[] json = Files.readAllBytes(file);
        return new BpeTokenizer(HfTokenizerFile.parse(json, file.toString()), json, configBytes, file.toString());
    }

    /** Builds a tokenizer from an already parsed file and its bytes (kept for {@link #save}). */
    static BpeTokenizer fromParsed(HfTokenizerFile f, byte[] json, byte[] configJson, String source) {
        return new BpeTokenizer(f, json, configJson, source);
    }

    /**
     * Writes {@code tokenizer.json} (a byte-for-byte copy of the file this was read from) into {@code folder},
     * plus {@code tokenizer_config.json} when one was read, so that reloading gives the same tokenizer.
     */
    public void save(Path folder) throws IOException {
        writeAtomically(folder.resolve("tokenizer.json"), fileBytes);
        if (configBytes != null) writeAtomically(folder.resolve("tokenizer_config.json"), configBytes);
    }

    @Override
    public int[] encode(String text) {
        IdList out = new IdList();
        rawAdded.split(text, new AddedTokens.Sink() {
            @Override public void text(String s) {
                String norm = nfc && !Normalizer.isNormalized(s, Normalizer.Form.NFC)
                        ? Normalizer.normalize(s, Normalizer.Form.NFC) : s;
                normalizedAdded.split(norm, new AddedTokens.Sink() {
                    @Override public void text(String t) {
                        preTokenizer.split(t, piece -> out.addAll(model.encode(piece)));
                    }
                    @Override public void token(int id) { out.add(id); }
                });
            }
            @Override public void token(int id) { out.add(id); }
        });
        return out.toArray();
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length * 4);
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id >= idToToken.length || idToToken[id] == null) {
                throw new IllegalArgumentException("token id " + id + " at position " + i + " is not in the vocabulary (size " + idToToken.length + ")");
            }
            ByteLevel.appendBytes(idToToken[id], bytes);
        }
        return ByteLevel.decodeUtf8(bytes.toByteArray(), bytes.size());
    }

    @Override
    public int vocabSize() {
        return idToToken.length;
    }

    @Override
    public OptionalInt tokenId(String token) {
        Integer id = addedIds.get(token);
        if (id == null) id = vocab.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public List<Integer> eosIds() {
        return eosIds;
    }

    @Override
    public int padId() {
        return padId;
    }

    /** The token string of {@code id} as the file writes it (byte-mapped for vocabulary entries). */
    public String token(int id) {
        if (id < 0 || id >= idToToken.length || idToToken[id] == null) {
            throw new IllegalArgumentException("token id " + id + " is not in the vocabulary");
        }
        return idToToken[id];
    }

    // ---- reading and checking the file -------------------------------------------------------------

    private static void checkModel(HfTokenizerFile f) {
        if (!f.hasModel) throw f.error("model is missing");
        String type = f.modelType();
        if (!type.equals(TYPE)) {
            throw f.error("model.type '" + type + "' is not supported (only BPE)");
        }
        if (f.modelField("byte_fallback").asBoolean(false)) {
            throw f.error("model.byte_fallback=true is not supported (only byte-level BPE)");
        }
        JsonNode dropout = f.modelField("dropout");
        if (!dropout.isNull() && dropout.asDouble() != 0.0) {
            throw f.error("model.dropout=" + dropout.asText() + " is not supported (encoding must be deterministic)");
        }
        for (String affix : List.of("continuing_subword_prefix", "end_of_word_suffix")) {
            if (!f.modelField(affix).asText("").isEmpty()) {
                throw f.error("model." + affix + " '" + f.modelField(affix).asText() + "' is not supported");
            }
        }
        if (f.vocab.isEmpty()) throw f.error("model.vocab is missing or empty");
    }

    private MergeTable readMerges(HfTokenizerFile f) {
        int n = f.mergeLefts.size();
        MergeTable table = new MergeTable(n);
        for (int i = 0; i < n; i++) {
            String a = f.mergeLefts.get(i);
            String b = f.mergeRights.get(i);
            Integer left = vocab.get(a);
            Integer right = vocab.get(b);
            Integer merged = vocab.get(a + b);
            String missing = left == null ? a : right == null ? b : merged == null ? a + b : null;
            if (missing != null) {
                throw f.error("model.merges[" + i + "]: token '" + missing + "' is not in the vocabulary");
            }
            table.put(left, right, i, merged);
        }
        return table;
    }

    private int readUnk(HfTokenizerFile f) {
        JsonNode unk = f.modelField("unk_token");
        if (unk.isNull()) return -1;
        Integer id = vocab.get(unk.asText());
        if (id == null) throw f.error("model.unk_token '" + unk.asText() + "' is not in the vocabulary");
        return id;
    }

    private static boolean readNormalizer(HfTokenizerFile f, JsonNode n, String where) {
        if (n.isNull()) return false;
        String type = n.path("type").asText("");
        switch (type) {
            case "NFC":
                return true;
            case "Sequence": {
                boolean nfc = false;
                JsonNode list = n.path("normalizers");
                for (int i = 0; i < list.size(); i++) nfc |= readNormalizer(f, list.get(i), where + ".normalizers[" + i + "]");
                return nfc;
            }
            default:
                throw f.error(where + ".type '" + type + "' is not supported (only NFC or none)");
        }
    }

    private static PreTokenizer readPreTokenizer(HfTokenizerFile f) {
        JsonNode pre = f.section("pre_tokenizer");
        if (pre.isNull()) {
            throw f.error("pre_tokenizer is missing; a byte-level BPE needs a ByteLevel pre-tokenizer");
        }
        List<JsonNode> steps = new ArrayList<>();
        String prefix;
        if (pre.path("type").asText("").equals("Sequence")) {
            pre.path("pretokenizers").forEach(steps::add);
            prefix = "pre_tokenizer.pretokenizers";
        } else {
            steps.add(pre);
            prefix = null;
        }
        List<Pattern> splits = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String where = prefix == null ? "pre_tokenizer" : prefix + "[" + i + "]";
            String type = step.path("type").asText("");
            boolean last = i == steps.size() - 1;
            if (type.equals("ByteLevel") && last) {
                return new PreTokenizer(splits,
                        step.path("add_prefix_space").asBoolean(true),
                        step.path("use_regex").asBoolean(true));
            } else if (type.equals("Split") && !last) {
                splits.add(readSplit(f, step, where));
            } else if (type.equals("Digits") && !last) {
                // HF's Digits isolates runs of numeric characters (Rust's char::is_numeric, i.e. \p{N}),
                // or each one alone with individual_digits (SmolLM2's pre-tokenizer).
                splits.add(PreTokenizer.compile(step.path("individual_digits").asBoolean(false) ? "\\p{N}" : "\\p{N}+"));
            } else if (type.equals("ByteLevel") || type.equals("Split") || type.equals("Digits")) {
                throw f.error(where + ": " + type + " here is not supported (only Split or Digits steps followed by one ByteLevel)");
            } else {
                throw f.error(where + ".type '" + type + "' is not supported (only Split, Digits and ByteLevel)");
            }
        }
        throw f.error("pre_tokenizer has no ByteLevel step; only byte-level BPE is supported");
    }

    private static Pattern readSplit(HfTokenizerFile f, JsonNode step, String where) {
        String behavior = step.path("behavior").asText("");
        if (!behavior.equals("Isolated")) {
            throw f.error(where + ".behavior '" + behavior + "' is not supported (only Isolated)");
        }
        if (step.path("invert").asBoolean(false)) throw f.error(where + ".invert=true is not supported");
        JsonNode pattern = step.path("pattern");
        try {
            if (pattern.path("Regex").isTextual()) return PreTokenizer.compile(pattern.get("Regex").asText());
            if (pattern.path("String").isTextual()) return Pattern.compile(Pattern.quote(pattern.get("String").asText()));
        } catch (IllegalArgumentException e) {
            throw f.error(where + ".pattern: " + e.getMessage());
        }
        throw f.error(where + ".pattern: expected {\"Regex\": ...} or {\"String\": ...}");
    }

    private static void checkDecoder(HfTokenizerFile f) {
        String type = f.section("decoder").path("type").asText("");
        if (!type.equals("ByteLevel")) {
            throw f.error("decoder.type '" + (type.isEmpty() ? "none" : type) + "' is not supported (only ByteLevel)");
        }
    }

    private static void checkPostProcessor(HfTokenizerFile f) {
        JsonNode post = f.section("post_processor");
        if (post.isNull()) return;
        String type = post.path("type").asText("");
        if (!type.equals("ByteLevel")) {
            throw f.error("post_processor.type '" + type + "' is not supported (only ByteLevel or none; it may add tokens such as BOS)");
        }
    }

    private static JsonNode readConfig(byte[] configBytes, String source) {
        if (configBytes == null) return null;
        try {
            JsonNode n = MAPPER.readTree(configBytes);
            if (n == null || !n.isObject()) throw new IllegalArgumentException("expected a JSON object");
            return n;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("tokenizer_config.json beside " + source + ": " + e.getMessage(), e);
        }
    }

    /** A token given as a string or as an AddedToken object {@code {"content": ...}}. */
    private static String tokenText(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (n.isTextual()) return n.asText();
        JsonNode content = n.get("content");
        return content != null && content.isTextual() ? content.asText() : null;
    }

    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path temp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
        try {
            Files.write(temp, content);
            AtomicOutput.moveIntoPlace(temp, abs);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
