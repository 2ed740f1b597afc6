package dev.srl.math.bench;

import dev.srl.core.io.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Small files in each benchmark's published layout, written by hand. */
class BenchmarkLoaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String... lines) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    @Test
    void aime24() throws Exception {
        Path f = file("aime24.jsonl",
                "{\"id\": 60, \"problem\": \"Every morning Aya goes for a 9-kilometer-long walk...\", "
                        + "\"solution\": \"... so the answer is $\\\\boxed{204}$.\", \"answer\": \"204\", "
                        + "\"url\": \"https://artofproblemsolving.com/wiki/index.php/2024_AIME_I_Problems/Problem_1\"}");
        List<BenchmarkProblem> ps = BenchmarkLoader.load(f);
        assertEquals(BenchmarkLayout.AIME24, BenchmarkLayout.detect(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readAllLines(f).get(0))));
        BenchmarkProblem p = ps.get(0);
        assertEquals("60", p.id());
        assertEquals("204", p.answer());
        assertTrue(p.meta().get("url").textValue().contains("2024_AIME_I"));
        assertFalse(p.meta().has("problem"));
    }

    @Test
    void aime25AndGeneric() throws Exception {
        Path f = file("aime25.jsonl",
                "{\"problem\": \"Find the sum of all integer bases $b>9$ for which $17_b$ is a divisor of $97_b$.\", "
                        + "\"answer\": \"70\", \"id\": \"0\"}",
                "{\"problem\": \"Second\", \"answer\": \"588\", \"id\": \"1\"}");
        List<BenchmarkProblem> ps = BenchmarkLoader.load(f);
        assertEquals(2, ps.size());
        assertEquals("1", ps.get(1).id());
        assertEquals("588", ps.get(1).answer());
        Path g = file("gen.jsonl", "{\"question\": \"Compute 2 + 3\", \"answer\": \"5\"}");
        BenchmarkProblem q = BenchmarkLoader.load(g).get(0);
        assertEquals("generic-1", q.id());
        assertEquals("Compute 2 + 3", q.problem());
    }

    @Test
    void amc23FloatAnswersBecomeIntegers() throws Exception {
        Path f = file("amc.jsonl",
                "{\"id\": 0, \"problem\": \"Cities A and B are 45 miles apart...\", \"answer\": 27.0, \"url\": \"https://aops\"}",
                "{\"id\": 1, \"problem\": \"p\", \"answer\": 2.5, \"url\": \"u\"}",
                "{\"id\": 2, \"question\": \"q\", \"problem\": \"q\", \"answer\": 100, \"url\": \"u\"}");
        List<BenchmarkProblem> ps = BenchmarkLoader.load(f);
        assertEquals(List.of("27", "2.5", "100"), ps.stream().map(BenchmarkProblem::answer).toList());
        assertEquals(BenchmarkLayout.AMC23, BenchmarkLayout.detect(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"id\": 0, \"problem\": \"p\", \"answer\": 27.0, \"url\": \"u\"}")));
    }

    @Test
    void math500() throws Exception {
        Path f = file("math500.jsonl",
                "{\"problem\": \"Convert the point $(0,3)$ in rectangular coordinates to polar coordinates.\", "
                        + "\"solution\": \"... \\\\boxed{\\\\left( 3, \\\\frac{\\\\pi}{2} \\\\right)}.\", "
                        + "\"answer\": \"\\\\left( 3, \\\\frac{\\\\pi}{2} \\\\right)\", \"subject\": \"Precalculus\", "
                        + "\"level\": 2, \"unique_id\": \"test/precalculus/807.json\"}");
        BenchmarkProblem p = BenchmarkLoader.load(f).get(0);
        assertEquals("test/precalculus/807.json", p.id());
        assertEquals("\\left( 3, \\frac{\\pi}{2} \\right)", p.answer());
        assertEquals(2, p.meta().get("level").intValue());
    }

    @Test
    void minervaAnswerIsTheLastBox() throws Exception {
        Path f = file("minerva.jsonl",
                "{\"problem\": \"Each of the two Spitzer Space Telescope's ... luminosity?\", "
                        + "\"solution\": \"First $\\\\boxed{3}$ is wrong... so $L=\\\\boxed{4.5e33}$ erg/s.\", "
                        + "\"type\": \"Introduction to Astronomy (8.282J Spring 2006)\", \"idx\": 0}",
                "{\"problem\": \"p\", \"solution\": \"no box here\", \"type\": \"t\", \"idx\": 1}");
        var e = assertThrows(DataFormatException.class, () -> BenchmarkLoader.load(f));
        assertEquals(f + ":2: field 'solution': has no \\boxed{} answer", e.getMessage());
        Files.writeString(f, Files.readAllLines(f).get(0) + "\n");
        BenchmarkProblem p = BenchmarkLoader.load(f, BenchmarkLayout.parse("minerva_math")).get(0);
        assertEquals("4.5e33", p.answer());
        assertEquals("0", p.id());
        assertTrue(p.meta().has("solution"));
    }

    @Test
    void errors() throws Exception {
        Path f = file("bad.jsonl", "{\"id\": \"a\", \"answer\": \"1\"}");
        var e = assertThrows(DataFormatException.class, () -> BenchmarkLoader.load(f));
        assertTrue(e.getMessage().startsWith(f + ":1: field 'problem'"), e.getMessage());
        Path g = file("bad2.jsonl", "{\"problem\": \"p\", \"answer\": [1]}");
        assertTrue(assertThrows(DataFormatException.class, () -> BenchmarkLoader.load(g)).getMessage().contains("'answer'"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkLayout.parse("gsm8k"));
    }
}
