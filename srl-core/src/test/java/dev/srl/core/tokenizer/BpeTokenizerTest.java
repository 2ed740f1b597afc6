package dev.srl.core.tokenizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.srl.core.tokenizer.TinyBpeFiles.addToken;
import static dev.srl.core.tokenizer.TinyBpeFiles.id;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BpeTokenizerTest {
    private static final List<String> HELLO = List.of("h e", "l l", "he ll", "hell o");

    @TempDir
    Path dir;

    private BpeTokenizer load(ObjectNode root) throws IOException {
        return BpeTokenizer.load(TinyBpeFiles.write(dir.resolve("t" + System.nanoTime()), root));
    }

    @Test
    void mergesByRankWithEitherMergeEncoding() throws IOException {
        for (boolean pairs : new boolean[] {false, true}) {
            ObjectNode root = TinyBpeFiles.qwenStyle(HELLO, pairs);
            BpeTokenizer tok = load(root);
            int hello = id(root, "hello");
            // " hello" is one pre-token; no rule joins the space to "hello".
            assertArrayEquals(new int[] {hello, ' ', hello}, tok.encode("hello hello"), "pairs=" + pairs);
            assertArrayEquals(new int[] {id(root, "hell"), 'p'}, tok.encode("hellp"));
            assertArrayEquals(new int[] {'h', id(root, "ll"), 'l'}, tok.encode("hlll"));
        }
    }

    @Test
    void newPairsJumpAheadOfPendingOnesAsInHuggingFace() throws IOException {
        // Checked against the Rust tokenizers library: a freshly formed (aa, a) with a lower rank than the
        // pending (a, a) merges first, giving [aaa, a] rather than the rank-sweep answer [aa, aa].
        BpeTokenizer lowFirst = load(TinyBpeFiles.qwenStyle(List.of("aa a", "a a"), false));
        ObjectNode root = TinyBpeFiles.qwenStyle(List.of("aa a", "a a"), false);
        assertArrayEquals(new int[] {id(root, "aaa"), 'a'}, lowFirst.encode("aaaa"));
        ObjectNode usual = TinyBpeFiles.qwenStyle(List.of("a a", "aa a"), false);
        assertArrayEquals(new int[] {id(usual, "aa"), id(usual, "aa")}, load(usual).encode("aaaa"));
    }

    @Test
    void addedTokensAreCutOutLeftmostLongestWhetherSpecialOrNot() throws IOException {
        ObjectNode root = TinyBpeFiles.qwenStyle(HELLO, true);
        addToken(root, 1000, "<|im_start|>", true, false);
        addToken(root, 1001, "<think>", false, false);
        addToken(root, 1002, "<|x|>", true, false);
        addToken(root, 1003, "<|x|>y", true, false);
        BpeTokenizer tok = load(root);
        assertArrayEquals(new int[] {'a', 1000, 'b', 1001, 1003, 1002, id(root, "hello")},
                tok.encode("a<|im_start|>b<think><|x|>y<|x|>hello"));
        assertEquals(1000, tok.tokenId("<|im_start|>").getAsInt());
        assertEquals(1004, tok.vocabSize());
        assertEquals("a<|im_start|>b<think><|x|>y", tok.decode(new int[] {'a', 1000, 'b', 1001, 1003}));
    }

    @Test
    void splitSpecialTokensInConfigTokenizesSpecialTokensAsText() throws IOException {
        ObjectNode root = TinyBpeFiles.qwenStyle(HELLO, true);
        addToken(root, 1000, "<|im_start|>", true, false);
        addToken(root, 1001, "<think>", false, false);
        Path file = TinyBpeFiles.write(dir.resolve("split"), root);
        Files.writeString(file.resolveSibling("tokenizer_config.json"), "{\"split_special_tokens\": true}");
        int[] ids = BpeTokenizer.load(file).encode("<|im_start|><think>");
        assertEquals(1001, ids[ids.length - 1]);
        assertTrue(ids.length > 2, "the special token was tokenized as text");
    }

    @Test
    void nfcNormalizesTextAndNormalizedAddedTokensMatchAfterIt() throws IOException {
        ObjectNode root = TinyBpeFiles.qwenStyle(HELLO, false);
        BpeTokenizer tok = load(root);
        assertArrayEquals(tok.encode("caf\u00e9"), tok.encode("cafe\u0301"));
        root.putNull("normalizer");
        BpeTokenizer raw = load(root);
        assertFalse(java.util.Arrays.equals(raw.encode("caf\u00e9"), raw.encode("cafe\u0301")));

        ObjectNode n = TinyBpeFiles.qwenStyle(HELLO, false);
        addToken(n, 1000, "\u00c5", false, true);
        assertArrayEquals(new int[] {'a', 1000, 'a'}, load(n).encode("aA\u030aa"));
        ObjectNode r = TinyBpeFiles.qwenStyle(HELLO, false);
        addToken(r, 1000, "\u00c5", false, false);
        // Matched on the raw text, where the decomposed form is not the token: BPE sees NFC's bytes C3 85.
        assertArrayEquals(new int[] {'a', 0xC3, 0x85, 'a'}, load(r).encode("aA\u030aa"));
    }

    @Test
    void preTokenizerRegexIsUnicodeAware() {
        PreTokenizer qwen = new PreTokenizer(List.of(PreTokenizer.compile(TinyBpeFiles.QWEN_REGEX)), false, false);
        assertEquals(List.of("x", "\u3000", "\u3000y"), pieces(qwen, "x\u3000\u3000y"));
        assertEquals(List.of("HE", "'S", " ", "1", "2", "3"), pieces(qwen, "HE'S 123"));
        assertEquals(List.of("a", "\u00a0", "\u2028b"), pieces(qwen, "a\u00a0\u2028b"));
        // Without UNICODE_CHARACTER_CLASS, U+3000 is not \s and the first case gives different pieces.
        PreTokenizer ascii = new PreTokenizer(List.of(java.util.regex.Pattern.compile(TinyBpeFiles.QWEN_REGEX)), false, false);
        assertFalse(pieces(ascii, "x\u3000\u3000y").equals(pieces(qwen, "x\u3000\u3000y")));
        PreTokenizer gpt2 = new PreTokenizer(List.of(), true, true);
        assertEquals(List.of(" Hello", " world", "!"), pieces(gpt2, "Hello world!"));
        assertTrue(PreTokenizer.compile("\\p{Han}+").matcher("\u4e16\u754c").matches());
        assertTrue(PreTokenizer.compile("\\p{^L}").matcher("1").matches());
    }

    private static List<String> pieces(PreTokenizer p, String text) {
        List<String> out = new ArrayList<>();
        p.split(text, out::add);
        return out;
    }

    @Test
    void gpt2StyleByteLevelWithItsOwnRegexAndPrefixSpace() throws IOException {
        ObjectNode root = TinyBpeFiles.gpt2Style(List.of("H e", "Ġ w"), false);
        assertArrayEquals(new int[] {id(root, "He"), id(root, "Ġw")}, load(root).encode("He w"));
        ObjectNode prefixed = TinyBpeFiles.gpt2Style(List.of("H e", "Ġ w"), true);
        assertArrayEquals(new int[] {' ', id(prefixed, "He"), id(prefixed, "Ġw")}, load(prefixed).encode("He w"));
    }

    @Test
    void digitsPreTokenizerIsolatesNumbers() throws IOException {
        ObjectNode root = TinyBpeFiles.gpt2Style(List.of("1 2", "Ġ 1"), false);
        ObjectNode seq = root.putObject("pre_tokenizer");
        seq.put("type", "Sequence");
        ObjectNode digits = seq.putArray("pretokenizers").addObject();
        digits.put("type", "Digits");
        digits.put("individual_digits", true);
        ((com.fasterxml.jackson.databind.node.ArrayNode) seq.get("pretokenizers")).add(TinyBpeFiles.byteLevel(false, true));
        // GPT-2's regex alone keeps " 12" as one piece; Digits cuts the digits off first.
        assertArrayEquals(new int[] {'a', ' ', '1', '2'}, load(root).encode("a 12"));
        digits.put("individual_digits", false);
        assertArrayEquals(new int[] {'a', ' ', id(root, "12")}, load(root).encode("a 12"));
    }

    @Test
    void ignoreMergesTakesWholePreTokensFromTheVocabulary() throws IOException {
        ObjectNode root = TinyBpeFiles.qwenStyle(HELLO, false);
        ((ObjectNode) root.get("model").get("vocab")).put("xyz", 900);
        assertArrayEquals(new int[] {'x', 'y', 'z'}, load(root).encode("xyz"));
        ((ObjectNode) root.get("model")).put("ignore_merges", true);
        assertArrayEquals(new int[] {900}, load(root).encode("xyz"));
    }

    @Test
    void bytesMissingFromTheVocabularyBecomeUnknownOrAreDropped() throws IOException {
        ObjectNode root = TinyBpeFiles.qwenStyle(List.of(), false);
        ObjectNode vocab = (ObjectNode) root.get("model").get("vocab");
        vocab.remove("q");
        vocab.remove("z");
        assertArrayEquals(new int[] {'a', 'b'}, load(root).encode("aqzb"));
        vocab.put("<unk>", 500);
        ((ObjectNode) root.get("model")).put("unk_token", "<unk>");
        assertArrayEquals(new int[] {'a', 500, 500, 'b'}, load(root).encode("aqzb"));
        ((ObjectNode) root.get("model")).put("fuse_unk", true);
        assertArrayEquals(new int[] {'a', 500, 'b'}, load(root).encode("aqzb"));
    }

    @Test
    void decodesBytesBackAndReplacesInvalidUtf8() throws IOException {
        ObjectNode root = TinyBpeFiles.qwenStyle(HELLO, false);
        addToken(root, 1000, "<x y>", true, false);
        BpeTokenizer tok = load(root);
        String text = "hello \u4e16\u754c \ud83d\udc4b\ud83c\udffd\r\n\ttabs  and  spaces<x y>!";
        assertEquals(text, tok.decode(tok.encode(text)));
        assertEquals("a\ufffd", tok.decode(new int[] {'a', 0xE4}));
        assertThrows(IllegalArgumentException.class, () -> tok.decode(new int[] {5000}));
    }

    @Test
    void endAndPadTokensFollowTheConfigThenKnownNames() throws IOException {
        ObjectNode root = TinyBpeFiles.qwenStyle(HELLO, false);
        addToken(root, 1000, "<|endoftext|>", true, false);
        addToken(root, 1001, "<|im_end|>", true, false);
        BpeTokenizer plain = load(root);
        assertEquals(List.of(1001, 1000), plain.eosIds());
        assertEquals(1000, plain.padId());

        Path file = TinyBpeFiles.write(dir.resolve("cfg"), root);
        Files.writeString(file.resolveSibling("tokenizer_config.json"),
                "{\"eos_token\": {\"content\": \"<|endoftext|>\"}, \"pad_token\": \"<|im_end|>\"}");
        BpeTokenizer configured = BpeTokenizer.load(file);
        assertEquals(List.of(1000, 1001), configured.eosIds());
        assertEquals(1001, configured.padId());
    }

    @Test
    void saveWritesFilesThatLoadToTheSameTokenizer() throws IOException {
        ObjectNode root = TinyBpeFiles.qwenStyle(HELLO, true);
        addToken(root, 1000, "<|im_end|>", true, false);
        Path file = TinyBpeFiles.write(dir.resolve("src"), root);
        Files.writeString(file.resolveSibling("tokenizer_config.json"), "{\"eos_token\": \"<|im_end|>\"}");
        BpeTokenizer tok = BpeTokenizer.load(file);
        Path out = dir.resolve("out/step-1");
        Tokenizers.save(tok, out);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(out.resolve("tokenizer.json")));
        assertTrue(Files.exists(out.resolve("tokenizer_config.json")));
        Tokenizer again = Tokenizers.load(out);
        assertTrue(again instanceof BpeTokenizer);
        assertArrayEquals(tok.encode("hello<|im_end|>"), again.encode("hello<|im_end|>"));
        assertEquals(List.of(1000), again.eosIds());
    }

    @Test
    void unsupportedComponentsAreRefusedNamingTheFileAndComponent() throws IOException {
        check(r -> ((ObjectNode) r.get("model")).put("type", "WordPiece"), "model.type 'WordPiece' is not supported (only BPE)");
        check(r -> r.putObject("normalizer").put("type", "Lowercase"), "normalizer.type 'Lowercase'");
        check(r -> r.putObject("pre_tokenizer").put("type", "Metaspace"), "pre_tokenizer.type 'Metaspace'");
        check(r -> ((ObjectNode) r.get("model")).put("byte_fallback", true), "model.byte_fallback");
        check(r -> r.putObject("post_processor").put("type", "TemplateProcessing"), "post_processor.type 'TemplateProcessing'");
        check(r -> r.putNull("decoder"), "decoder.type 'none'");
        check(r -> ((com.fasterxml.jackson.databind.node.ArrayNode) r.get("model").get("merges")).add("h q9"),
                "model.merges[4]: token 'q9' is not in the vocabulary");
        check(r -> {
            addToken(r, 1000, "<m>", true, false);
            ((ObjectNode) r.get("added_tokens").get(0)).put("lstrip", true);
        }, "added_tokens[0] '<m>': lstrip=true");
    }

    private void check(Consumer<ObjectNode> change, String expected) throws IOException {
        ObjectNode root = TinyBpeFiles.qwenStyle(HELLO, false);
        change.accept(root);
        Path file = TinyBpeFiles.write(dir.resolve("bad" + System.nanoTime()), root);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tokenizers.load(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
