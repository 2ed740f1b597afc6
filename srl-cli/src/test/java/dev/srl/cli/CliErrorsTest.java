package dev.srl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliErrorsTest {
    @TempDir Path dir;

    @Test
    void aMissingFileIsNamedWithWhatIsWrong() {
        PrintStream old = System.err;
        var err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = SrlCommand.execute("logprobs", "--model", dir.resolve("absent").toString());
        } finally {
            System.setErr(old);
        }
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(2, code, text);
        assertTrue(text.contains("no such file or folder: ") && text.contains("absent"), text);
        assertEquals(1, text.lines().filter(l -> l.startsWith("srl ")).count(), text);
    }
}
