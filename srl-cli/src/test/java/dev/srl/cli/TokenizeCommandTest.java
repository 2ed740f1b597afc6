package dev.srl.cli;

import dev.srl.core.tokenizer.CharTokenizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizeCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    private InputStream oldIn;
    private Path model;

    @BeforeEach
    void setUp() throws IOException {
        oldOut = System.out;
        oldErr = System.err;
        oldIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        model = dir.resolve("model");
        // ids: 6 default specials (0-5), then '\n'=6, 'a'=7, 'b'=8, 'é'=9
        CharTokenizer.ofAlphabet("\nab\u00e9").save(model);
    }

    @AfterEach
    void tearDown() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        System.setIn(oldIn);
    }

    private int run(String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return SrlCommand.execute(args);
    }

    @Test
    void encodesAndDecodesJsonLines() {
        assertEquals(0, run("{\"text\": \"<|im_start|>a\\nb\\u00e9<|im_end|>\"}\n\n{\"text\": \"\"}\n",
                "tokenize", "--tokenizer", model.toString()));
        assertEquals("{\"ids\":[2,7,6,8,9,3]}\n{\"ids\":[]}\n", out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, run("{\"ids\": [2,7,6,8,9,3]}\n", "tokenize", "--tokenizer", model.resolve("tokenizer.json").toString(), "--decode"));
        assertEquals("{\"text\":\"<|im_start|>a\\nb\u00e9<|im_end|>\"}\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badLinesNameTheLineAndFieldAndExitWith2() throws IOException {
        assertEquals(2, run("{\"text\": \"ab\"}\n{\"text\": \"abc\"}\n", "tokenize", "--tokenizer", model.toString()));
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.startsWith("srl tokenize: <stdin>:2: field 'text': character 'c' (U+0063)"), msg);
        assertEquals(1, msg.strip().lines().count());

        err.reset();
        assertEquals(2, run("{\"ids\": [1, 99]}\n", "tokenize", "--tokenizer", model.toString(), "--decode"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("<stdin>:1: field 'ids': token id 99"), err.toString());

        err.reset();
        Path in = dir.resolve("in.jsonl");
        Path outFile = dir.resolve("out.jsonl");
        Files.write(in, List.of("{\"text\": \"a\"}", "{\"ids\": [1]}"));
        assertEquals(2, run("", "tokenize", "--tokenizer", model.toString(), "-i", in.toString(), "-o", outFile.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(in + ":2: field 'text': missing"), err.toString());
        assertFalse(Files.exists(outFile), "no partial output");
    }

    @Test
    void writesFilesAndStats() throws IOException {
        Path in = dir.resolve("in.jsonl");
        Path outFile = dir.resolve("out.jsonl");
        Files.write(in, List.of("{\"text\": \"ab\"}", "{\"text\": \"ba\"}"));
        assertEquals(0, run("", "tokenize", "--tokenizer", model.toString(), "-i", in.toString(), "-o", outFile.toString(), "--stats"));
        assertEquals(List.of("{\"ids\":[7,8]}", "{\"ids\":[8,7]}"), Files.readAllLines(outFile));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("2 lines, 4 characters, 4 tokens"), err.toString());
    }

    @Test
    void missingTokenizerIsAUserError() {
        assertEquals(2, run("", "tokenize", "--tokenizer", dir.resolve("nope").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("nope"), err.toString());
    }

    @Test
    void helpShowsExamples() {
        assertEquals(0, run("", "tokenize", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--decode"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Examples:"));
    }
}
