package dev.srl.swe.example;

import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.train.eval.StepEvaluation;
import dev.srl.core.train.eval.StepPrompts;
import dev.srl.swe.reward.ToolCallReward;
import dev.srl.swe.sandbox.SandboxConfig;
import dev.srl.swe.sandbox.SandboxedExecutor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SweSrlPipelineTest {

    @Test
    void dataHoldsOneTaskOutAndCutsIssueAndObservations() throws Exception {
        SweSrlConfig c = SweSrlConfig.toy();
        SweSrlPipeline.Data d = SweSrlPipeline.buildData(c);
        assertEquals(2, d.trainTrajectories().size());
        assertEquals(16, d.train().size(), "two tasks of 8 steps, every step a target");
        assertEquals(8, d.heldOut().size());
        for (StepwiseInstance i : d.heldOut()) assertTrue(i.trajectoryId().startsWith(c.heldOutTask()), i.id());
        for (StepwiseInstance i : d.train()) {
            assertFalse(i.trajectoryId().startsWith(c.heldOutTask()), i.id());
            assertTrue(i.task().length() <= c.maxIssueChars() + " [...]".length(), i.task());
            assertTrue(i.context().size() <= 2, "the paper's SWE context: the last 2 pairs");
            for (var s : i.context()) assertTrue(s.observation().length() < c.maxObservationChars() + 60, s.observation());
            // The SFT answer is the expert's own action after a think block, so it earns the full reward.
            assertEquals(1.0, new ToolCallReward().score(d.responses().get(i.id()), i.target()).reward(), i.id());
        }
        // Every prompt is written with the tokenizer's alphabet: nothing maps to <|unk|>.
        var tok = SweSrlPipeline.tokenizer();
        int unk = tok.tokenId("<|unk|>").orElseThrow();
        assertEquals(1, tok.encode("<function=str_replace_editor>").length, "tool-call tags are whole tokens");
        assertEquals("<parameter=path>/testbed/a.py</parameter>",
                tok.decode(tok.encode("<parameter=path>/testbed/a.py</parameter>")));
        for (StepwiseInstance i : d.train()) {
            for (int id : StepPrompts.encode(tok, SweSrlPipeline.renderer(), i)) assertTrue(id != unk, i.id());
        }
        SweSrlConfig bad = new SweSrlConfig("no-such-task", 40, 16, 16, 1, false, 0, 4, 1e-3, 0, 2, 1, 1e-4, 1, 8, 60, 1);
        assertThrows(IllegalArgumentException.class, () -> SweSrlPipeline.buildData(bad));
    }

    @Test
    void toyRunReplaysTrainsAndEvaluates() throws Exception {
        assumeSandbox();
        SweSrlConfig c = SweSrlConfig.toy();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweSrlPipeline.Report r = SweSrlPipeline.run(c,
                SandboxedExecutor.create(SandboxConfig.defaults().withTimeout(Duration.ofSeconds(60))),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(3, r.replays().size());
        assertTrue(r.allResolved(), r.replays().toString());
        assertEquals(16, r.trainInstances());
        assertEquals(8, r.heldOutInstances());
        assertEquals(c.srlSteps(), r.srlRewardMeans().size());
        for (StepEvaluation.Summary s : new StepEvaluation.Summary[]{r.beforeSrl(), r.afterSrl()}) {
            assertEquals(8, s.count());
            assertTrue(s.meanReward() >= -1 && s.meanReward() <= 1, s.toString());
            assertTrue(s.formatRate() >= 0 && s.formatRate() <= 1, s.toString());
            assertTrue(Double.isNaN(s.meanSimilarity()) || (s.meanSimilarity() >= 0 && s.meanSimilarity() <= 1), s.toString());
        }
        for (double m : r.srlRewardMeans()) assertTrue(m >= -1 && m <= 1);
        String table = r.table();
        assertTrue(table.contains("held-out, after SFT (before SRL)") && table.contains("held-out, after SRL"), table);
        assertEquals(16, r.trainBeforeSrl().count());
        assertEquals(16, r.trainAfterSrl().count());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("RESOLVED"));
    }

    private static void assumeSandbox() {
        boolean bwrap = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "bwrap"))) bwrap = true;
        }
        assumeTrue(bwrap, "bubblewrap (bwrap) is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || Files.isExecutable(Path.of("/usr/local/bin/python3")),
                "python3 is not installed under /usr");
    }
}
