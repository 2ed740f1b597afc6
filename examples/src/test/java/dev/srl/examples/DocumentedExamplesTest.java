package dev.srl.examples;

import dev.srl.core.train.config.ConfigLoader;
import dev.srl.core.train.config.TrainConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What docs/getting-started.md shows must stay true: the example's output and the example config. */
class DocumentedExamplesTest {

    @Test
    void scoreStepExamplePrintsWhatTheGuideShows() {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            ScoreStepExample.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        assertEquals("apples#1: target '2. **Subtract** 7 - 2 = 5.', reward 0.9804\nno think block: reward -1.0\n",
                buf.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @Test
    void paperConfigLoadsWithThePaperSettings() throws Exception {
        TrainConfig c = ConfigLoader.load(Path.of("configs/srl-qwen2.5.yaml"), TrainConfig.class, TrainConfig.defaults(), List.of());
        assertEquals(TrainConfig.Method.SRL, c.method());
        assertEquals(8, c.grpo().groupSize());
        assertEquals(512, c.grpo().promptsPerStep());
        assertEquals(5e-7, c.grpo().optimizer().lr());
        assertEquals(1.0, c.grpo().optimizer().maxGradNorm());
        assertEquals(0.0, c.grpo().beta());
        assertEquals(1.0, c.grpo().temperature());
        assertEquals(true, c.grpo().dynamicSampling());
        assertEquals(20, c.evalEvery());
    }
}
