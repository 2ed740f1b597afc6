package dev.srl.core.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes small Hugging Face style {@code tokenizer.json} files for tests: ids 0–255 are the 256 byte
 * characters in byte order (so any text encodes), then one id per merge result, in merge order.
 */
final class TinyBpeFiles {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String QWEN_REGEX =
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private TinyBpeFiles() {}

    /** The id of a single byte's token. */
    static int byteId(int b) {
        return b;
    }

    /** A Qwen-style file (NFC, Split(regex) + ByteLevel) with the given merges, e.g. {@code "h e"}. */
    static ObjectNode qwenStyle(List<String> merges, boolean mergesAsPairs) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.putArray("added_tokens");
        root.putObject("normalizer").put("type", "NFC");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "Sequence");
        ArrayNode steps = pre.putArray("pretokenizers");
        ObjectNode split = steps.addObject();
        split.put("type", "Split");
        split.putObject("pattern").put("Regex", QWEN_REGEX);
        split.put("behavior", "Isolated");
        split.put("invert", false);
        steps.add(byteLevel(false, false));
        root.set("post_processor", byteLevel(false, false));
        root.set("decoder", byteLevel(false, false));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int b = 0; b < 256; b++) vocab.put(String.valueOf(ByteLevel.BYTE_TO_CHAR[b]), b);
        ArrayNode list = model.putArray("merges");
        for (String m : merges) {
            String[] ab = m.split(" ");
            if (!vocab.has(ab[0] + ab[1])) vocab.put(ab[0] + ab[1], vocab.size());
        }
        for (String m : merges) {
            String[] ab = m.split(" ");
            if (mergesAsPairs) list.addArray().add(ab[0]).add(ab[1]);
            else list.add(m);
        }
        return root;
    }

    /** A GPT-2 style file: a single ByteLevel pre-tokenizer with its own regex. */
    static ObjectNode gpt2Style(List<String> merges, boolean addPrefixSpace) {
        ObjectNode root = qwenStyle(merges, false);
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(addPrefixSpace, true));
        return root;
    }

    static ObjectNode byteLevel(boolean addPrefixSpace, boolean useRegex) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", "ByteLevel");
        n.put("add_prefix_space", addPrefixSpace);
        n.put("trim_offsets", false);
        n.put("use_regex", useRegex);
        return n;
    }

    /** Appends an added token; {@code id} must not clash with the vocabulary's. */
    static void addToken(ObjectNode root, int id, String content, boolean special, boolean normalized) {
        ObjectNode t = ((ArrayNode) root.get("added_tokens")).addObject();
        t.put("id", id);
        t.put("content", content);
        t.put("single_word", false);
        t.put("lstrip", false);
        t.put("rstrip", false);
        t.put("normalized", normalized);
        t.put("special", special);
    }

    /** The id the file gives {@code token} (byte-mapped form). */
    static int id(ObjectNode root, String token) {
        return root.get("model").get("vocab").get(token).intValue();
    }

    static Path write(Path dir, ObjectNode root) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("tokenizer.json");
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        return file;
    }
}
