package dev.srl.core.tokenizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CharTokenizerTest {
    @TempDir
    Path dir;

    @Test
    void corpusGivesSortedCharactersAfterTheSpecialTokens() {
        CharTokenizer tok = CharTokenizer.fromCorpus(List.of("b+a=c", "<think>a</think>"));
        // 6 default specials, then '+', '=', 'a', 'b', 'c' in code point order; the tags add no characters.
        assertEquals(11, tok.vocabSize());
        assertEquals(6, tok.tokenId("+").getAsInt());
        assertEquals(8, tok.tokenId("a").getAsInt());
        assertEquals(0, tok.padId());
        assertEquals(List.of(3, 1), tok.eosIds());
        assertArrayEquals(new int[] {2, 8, 6, 9, 3}, tok.encode("<|im_start|>a+b<|im_end|>"));
    }

    @Test
    void roundTripsTextWithSpecialTokensAndSupplementaryCharacters() {
        String text = "<|im_start|>user\n3\u00d74=? \ud83d\ude00<|im_end|>\n<think>12</think>";
        CharTokenizer tok = CharTokenizer.fromCorpus(List.of(text));
        int[] ids = tok.encode(text);
        assertEquals(text, tok.decode(ids));
        assertEquals(1, ids.length - tok.encode(text.replace("\ud83d\ude00", "")).length, "an emoji is one token");
    }

    @Test
    void unknownCharactersAreRefusedUnlessUnkIsAToken() {
        CharTokenizer strict = CharTokenizer.ofAlphabet("0123456789");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> strict.encode("12x"));
        assertTrue(e.getMessage().contains("'x' (U+0078)"), e.getMessage());

        List<String> specials = new ArrayList<>(CharTokenizer.DEFAULT_SPECIALS);
        specials.add(CharTokenizer.UNK);
        CharTokenizer lenient = CharTokenizer.ofAlphabet("0123456789", specials);
        int unk = lenient.tokenId(CharTokenizer.UNK).getAsInt();
        assertEquals(6, unk);
        assertArrayEquals(new int[] {8, unk, 9}, lenient.encode("1x2"));
        assertThrows(IllegalArgumentException.class, () -> lenient.decode(new int[] {99}));
    }

    @Test
    void savesAndLoadsAsTokenizerJson() throws IOException {
        CharTokenizer tok = CharTokenizer.fromCorpus(List.of("x = 3\ty\u00e9\ud83d\ude00\""));
        Path folder = dir.resolve("model");
        Tokenizers.save(tok, folder);
        String json = Files.readString(folder.resolve("tokenizer.json"));
        assertTrue(json.contains("\"type\" : \"SrlChar\""), json);
        Tokenizer again = Tokenizers.load(folder);
        assertTrue(again instanceof CharTokenizer);
        assertEquals(tok.vocabSize(), again.vocabSize());
        String text = "<|im_start|>y = 3\"<|im_end|>";
        assertArrayEquals(tok.encode(text), again.encode(text));
        assertEquals(tok.toJson(), ((CharTokenizer) again).toJson());
    }

    @Test
    void malformedFilesAreRefusedNamingTheField() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, "{\"model\": {\"type\": \"SrlChar\", \"special_tokens\": [], \"characters\": [\"ab\"]}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tokenizers.load(file));
        assertTrue(e.getMessage().contains("model.characters[0]"), e.getMessage());
        Files.writeString(file, "{\"model\": {\"type\": \"SrlChar\", \"special_tokens\": [\"<a>\"], \"characters\": [\"a\", \"a\"]}}");
        e = assertThrows(IllegalArgumentException.class, () -> Tokenizers.load(file));
        assertTrue(e.getMessage().contains("listed twice"), e.getMessage());
    }
}
