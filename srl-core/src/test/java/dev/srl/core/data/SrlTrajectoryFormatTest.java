package dev.srl.core.data;

import dev.srl.core.io.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SrlTrajectoryFormatTest {
    @TempDir
    Path dir;

    private static final String GOOD = "{\"id\":\"a\",\"task\":\"2+2?\",\"steps\":[{\"action\":\"1. 2+2=4\",\"title\":\"Add\"}]}";

    private Path file(String... lines) throws IOException {
        Path f = dir.resolve("in.jsonl");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    private List<Trajectory> readAll(Path f, boolean skip) throws IOException {
        List<Trajectory> out = new ArrayList<>();
        new SrlTrajectoryFormat().read(f, skip, out::add);
        return out;
    }

    private DataFormatException error(String... lines) throws IOException {
        Path f = file(lines);
        return assertThrows(DataFormatException.class, () -> readAll(f, false));
    }

    @Test
    void readsAllFieldsOfAStep() throws IOException {
        var t = readAll(file("{\"id\":\"x\",\"task\":\"T\",\"steps\":[{\"action\":\"ls\",\"title\":\"List\",\"thought\":\"look\",\"observation\":\"a.py\"},{\"action\":\"done\"}]}"), false).get(0);
        assertEquals("x", t.id());
        assertEquals("T", t.task());
        assertNull(t.metadata());
        assertEquals(List.of(new Step("ls", "List", "look", "a.py"), Step.of("done")), t.steps());
    }

    @Test
    void roundTripKeepsMetadataExactly() throws IOException {
        String metadata = "{\"z\":1,\"a\":[true,null,\"ü ∑ 😀\\n\\\"q\\\"\"],\"big\":123456789012345678901234567890,"
                + "\"nested\":{\"empty\":{},\"list\":[],\"neg\":-7}}";
        String line = "{\"id\":\"m\",\"task\":\"line1\\nline2\",\"metadata\":" + metadata
                + ",\"steps\":[{\"action\":\"1. a\",\"title\":\"A\",\"thought\":\"t\",\"observation\":\"o\"},{\"action\":\"2. b\"}]}";
        List<Trajectory> first = readAll(file(line, "{\"id\":\"n\",\"task\":\"x\",\"metadata\":\"just a string\",\"steps\":[{\"action\":\"s\"}]}"), false);

        Path out = dir.resolve("out.jsonl");
        try (var w = TrajectoryWriter.create(out)) {
            for (Trajectory t : first) w.write(t);
            assertEquals(2, w.count());
            w.commit();
        }
        List<String> written = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(2, written.size());
        assertTrue(written.get(0).contains("\"metadata\":" + metadata), written.get(0));
        assertEquals(first, readAll(out, false));
        assertEquals("just a string", first.get(1).metadata().textValue());
    }

    @Test
    void uncommittedWriterLeavesNoFile() throws IOException {
        Path out = dir.resolve("never.jsonl");
        try (var w = TrajectoryWriter.create(out)) {
            w.write(readAll(file(GOOD), false).get(0));
        }
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("in.jsonl"), files.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }
    }

    @Test
    void errorsNameFileLineAndField() throws IOException {
        String f = dir.resolve("in.jsonl").toString();
        assertEquals(f + ":2: field 'steps[1].action': missing",
                error(GOOD, "{\"id\":\"b\",\"task\":\"t\",\"steps\":[{\"action\":\"x\"},{\"title\":\"no action\"}]}").getMessage());
        assertEquals(f + ":1: field 'steps[0].action': expected a string, got a number",
                error("{\"id\":\"b\",\"task\":\"t\",\"steps\":[{\"action\":5}]}").getMessage());
        assertEquals(f + ":1: field 'task': missing", error("{\"id\":\"b\",\"steps\":[{\"action\":\"x\"}]}").getMessage());
        assertEquals(f + ":1: field 'id': expected a string, got a number", error("{\"id\":3,\"task\":\"t\",\"steps\":[{\"action\":\"x\"}]}").getMessage());
        assertEquals(f + ":1: field 'steps': expected at least one step", error("{\"id\":\"b\",\"task\":\"t\",\"steps\":[]}").getMessage());
        assertEquals(f + ":1: field 'steps': expected an array of steps, got an object",
                error("{\"id\":\"b\",\"task\":\"t\",\"steps\":{}}").getMessage());
        assertEquals(f + ":1: field 'steps[0]': expected a step object, got a string",
                error("{\"id\":\"b\",\"task\":\"t\",\"steps\":[\"x\"]}").getMessage());
        assertTrue(error("{\"id\":\"b\",\"task\":\"t\",\"steps\":[{\"action\":\"x\",\"observaton\":\"typo\"}]}").getMessage()
                .startsWith(f + ":1: field 'steps[0].observaton': unknown field"));
        assertTrue(error("{\"id\":\"b\",\"task\":\"t\",\"step\":[]}").getMessage().startsWith(f + ":1: field 'step': unknown field"));
        assertEquals(f + ":3: field 'id': duplicate id 'a' (first on line 1)", error(GOOD, "", GOOD).getMessage());
        var malformed = error(GOOD, "", "{\"id\": oops}");
        assertEquals(3, malformed.line());
        assertTrue(malformed.getMessage().startsWith(f + ":3: malformed JSON"), malformed.getMessage());
    }

    @Test
    void invalidUtf8IsAnErrorWithItsLine() throws IOException {
        Path f = dir.resolve("bad.jsonl");
        byte[] good = (GOOD + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"id\":\"b\",\"task\":\"\u00ff\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(f, concat(good, bad));
        var e = assertThrows(DataFormatException.class, () -> readAll(f, false));
        assertEquals(f + ":2: invalid UTF-8", e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void skipInvalidCountsAndKeepsGoing() throws IOException {
        Path f = file(GOOD, "not json", "{\"id\":\"b\",\"task\":\"t\",\"steps\":[]}", "[1,2]",
                GOOD.replace("\"a\"", "\"c\""));
        List<Trajectory> got = new ArrayList<>();
        var stats = new SrlTrajectoryFormat().read(f, true, got::add);
        assertEquals(new TrajectoryFormat.ReadStats(2, 3, 0), stats);
        assertEquals(List.of("a", "c"), got.stream().map(Trajectory::id).toList());
    }

    @Test
    void trajectoriesReachTheSinkAsTheyAreRead() throws IOException {
        // The first trajectory is handed over before the reader has even seen the broken second line:
        // nothing is collected first, so a file of any length streams in constant memory.
        Path f = file(GOOD, "{broken");
        List<String> seen = new ArrayList<>();
        assertThrows(DataFormatException.class, () -> new SrlTrajectoryFormat().read(f, false, t -> seen.add(t.id())));
        assertEquals(List.of("a"), seen);
    }

    @Test
    void emptyFileReadsNothing() throws IOException {
        Path f = dir.resolve("empty.jsonl");
        Files.writeString(f, "");
        assertEquals(new TrajectoryFormat.ReadStats(0, 0, 0), new SrlTrajectoryFormat().read(f, false, t -> { }));
    }
}
