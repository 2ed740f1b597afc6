package dev.srl.core.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.io.AtomicOutput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * A character vocabulary for synthetic tasks: one id per special token, then one per character (code point,
 * so an emoji is one token). Special tokens written in text ({@code <|im_start|>}, {@code <think>}) are
 * matched as whole tokens, longest first.
 *
 * <p>Ids: special tokens first in their given order (by default {@link #DEFAULT_SPECIALS}, so
 * {@code <|pad|>} is 0), then the characters in the given order ({@link #fromCorpus} sorts them by code
 * point, so the same corpus always gives the same ids). End ids are {@code <|im_end|>} and
 * {@code <|endoftext|>} where present; the pad id is {@code <|pad|>}'s, else 0.
 *
 * <p>Unknown characters: when the special tokens include {@link #UNK} ({@code <|unk|>}) they map to it;
 * otherwise {@link #encode} refuses them with an {@link IllegalArgumentException} naming the character,
 * so a prompt never silently loses text.
 *
 * <p>Saved as {@code tokenizer.json} in a model folder, so every model folder has one, in this form
 * (which Hugging Face tools do not read; {@link Tokenizers#load} recognizes it by its model type):
 * <pre>
 * {"version": "1.0",
 *  "model": {"type": "SrlChar",
 *            "special_tokens": ["&lt;|pad|&gt;", "&lt;|endoftext|&gt;", ...],
 *            "characters": ["\n", " ", "0", "1", ...]}}
 * </pre>
 *
 * <pre>{@code
 * CharTokenizer tok = CharTokenizer.fromCorpus(List.of("12+7=19", "3*4=12"));
 * int[] ids = tok.encode("<|im_start|>1+1=2<|im_end|>");
 * tok.save(Path.of("runs/a/checkpoints/step-10"));      // writes tokenizer.json
 * Tokenizer again = Tokenizers.load(Path.of("runs/a/checkpoints/step-10"));
 * }</pre>
 */
public final class CharTokenizer implements Tokenizer {
    /** The value of {@code model.type} in this tokenizer's file. */
    public static final String TYPE = "SrlChar";
    /** The token that unknown characters map to, when it is one of the special tokens. */
    public static final String UNK = "<|unk|>";
    /** The special tokens of {@link #fromCorpus(Iterable)} and {@link #ofAlphabet(String)}, with their ids 0–5. */
    public static final List<String> DEFAULT_SPECIALS =
            List.of("<|pad|>", "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<think>", "</think>");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> specials;
    private final int[] codePoints;
    private final Map<Integer, Integer> idOfCodePoint = new HashMap<>();
    private final Map<String, Integer> idOfSpecial = new LinkedHashMap<>();
    private final AddedTokens specialMatcher;
    private final int unkId;
    private final List<Integer> eosIds;
    private final int padId;

    private CharTokenizer(List<String> specials, int[] codePoints) {
        this.specials = List.copyOf(specials);
        this.codePoints = codePoints.clone();
        for (String s : this.specials) {
            if (s.isEmpty()) throw new IllegalArgumentException("a special token may not be empty");
            if (idOfSpecial.putIfAbsent(s, idOfSpecial.size()) != null) {
                throw new IllegalArgumentException("special token '" + s + "' is listed twice");
            }
        }
        for (int i = 0; i < codePoints.length; i++) {
            if (idOfCodePoint.putIfAbsent(codePoints[i], specials.size() + i) != null) {
                throw new IllegalArgumentException("character " + describe(codePoints[i]) + " is listed twice");
            }
        }
        this.specialMatcher = new AddedTokens(idOfSpecial);
        this.unkId = idOfSpecial.getOrDefault(UNK, -1);
        List<Integer> eos = new ArrayList<>();
        for (String t : List.of("<|im_end|>", "<|endoftext|>")) {
            if (idOfSpecial.containsKey(t)) eos.add(idOfSpecial.get(t));
        }
        this.eosIds = List.copyOf(eos);
        this.padId = idOfSpecial.getOrDefault("<|pad|>", 0);
    }

    /** A tokenizer with the default special tokens and exactly the characters of {@code alphabet}, in order. */
    public static CharTokenizer ofAlphabet(String alphabet) {
        return ofAlphabet(alphabet, DEFAULT_SPECIALS);
    }

    /**
     * A tokenizer with the given special tokens (ids 0..k-1) and the characters of {@code alphabet} in order;
     * include {@link #UNK} among the specials to map unknown characters to it instead of refusing them.
     */
    public static CharTokenizer ofAlphabet(String alphabet, List<String> specials) {
        return new CharTokenizer(specials, alphabet.codePoints().toArray());
    }

    /** A tokenizer with the default special tokens and every character that occurs in {@code texts}. */
    public static CharTokenizer fromCorpus(Iterable<String> texts) {
        return fromCorpus(texts, DEFAULT_SPECIALS);
    }

    /**
     * A tokenizer with the given special tokens and every character that occurs in {@code texts} outside
     * those tokens, sorted by code point.
     */
    public static CharTokenizer fromCorpus(Iterable<String> texts, List<String> specials) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String s : specials) ids.putIfAbsent(s, ids.size());
        AddedTokens matcher = new AddedTokens(ids);
        TreeSet<Integer> seen = new TreeSet<>();
        for (String text : texts) {
            matcher.split(text, new AddedTokens.Sink() {
                @Override public void text(String t) { t.codePoints().forEach(seen::add); }
                @Override public void token(int id) { }
            });
        }
        return new CharTokenizer(specials, seen.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Reads a file written by {@link #save}. */
    public static CharTokenizer load(Path file) throws IOException {
        return fromBytes(Files.readAllBytes(file), file.toString());
    }

    static CharTokenizer fromBytes(byte[] json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage(), e);
        }
        JsonNode model = root == null ? null : root.get("model");
        if (model == null || !TYPE.equals(model.path("type").asText())) {
            throw new IllegalArgumentException(source + ": model.type is not '" + TYPE + "'");
        }
        List<String> specials = strings(model, "special_tokens", source);
        List<String> chars = strings(model, "characters", source);
        int[] cps = new int[chars.size()];
        for (int i = 0; i < cps.length; i++) {
            String c = chars.get(i);
            if (c.codePointCount(0, c.length()) != 1) {
                throw new IllegalArgumentException(source + ": model.characters[" + i + "]: expected one character, got '" + c + "'");
            }
            cps[i] = c.codePointAt(0);
        }
        try {
            return new CharTokenizer(specials, cps);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode model, String field, String source) {
        JsonNode list = model.get(field);
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(source + ": model." + field + ": expected an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isTextual()) {
                throw new IllegalArgumentException(source + ": model." + field + "[" + i + "]: expected a string");
            }
            out.add(list.get(i).asText());
        }
        return out;
    }

    /** Writes {@code tokenizer.json} into {@code folder} (created if needed), atomically. */
    public void save(Path folder) throws IOException {
        AtomicOutput.writeString(folder.resolve("tokenizer.json"), toJson());
    }

    /** The file content {@link #save} writes. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", "1.0");
        ObjectNode model = root.putObject("model");
        model.put("type", TYPE);
        ArrayNode sp = model.putArray("special_tokens");
        specials.forEach(sp::add);
        ArrayNode cs = model.putArray("characters");
        for (int cp : codePoints) cs.add(Character.toString(cp));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int[] encode(String text) {
        IdList out = new IdList();
        specialMatcher.split(text, new AddedTokens.Sink() {
            @Override public void text(String t) {
                t.codePoints().forEach(cp -> {
                    Integer id = idOfCodePoint.get(cp);
                    if (id != null) {
                        out.add(id);
                    } else if (unkId >= 0) {
                        out.add(unkId);
                    } else {
                        throw new IllegalArgumentException("character " + describe(cp)
                                + " is not in the vocabulary of this character tokenizer (it has no " + UNK + ")");
                    }
                });
            }
            @Override public void token(int id) { out.add(id); }
        });
        return out.toArray();
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder(ids.length);
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id >= vocabSize()) {
                throw new IllegalArgumentException("token id " + id + " at position " + i + " is not in the vocabulary (size " + vocabSize() + ")");
            }
            if (id < specials.size()) sb.append(specials.get(id));
            else sb.appendCodePoint(codePoints[id - specials.size()]);
        }
        return sb.toString();
    }

    @Override
    public int vocabSize() {
        return specials.size() + codePoints.length;
    }

    @Override
    public OptionalInt tokenId(String token) {
        Integer id = idOfSpecial.get(token);
        if (id == null && token.codePointCount(0, token.length()) == 1) id = idOfCodePoint.get(token.codePointAt(0));
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

    /** The special tokens, in id order. */
    public List<String> specialTokens() {
        return specials;
    }

    private static String describe(int cp) {
        return String.format("'%s' (U+%04X)", Character.isISOControl(cp) ? "?" : Character.toString(cp), cp);
    }
}
