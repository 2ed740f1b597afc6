package dev.srl.core.data;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.srl.core.io.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepwiseInstanceFileTest {
    @TempDir
    Path dir;

    @Test
    void writtenInstancesReadBackEqual() throws IOException {
        var traj = new Trajectory("t", "task with \"quotes\"\nand a line break", null, List.of(
                new Step("ls", "List", "look first", "a.py\nb.py"), Step.of("cat a.py"), new Step("done", "Finish", null, null)));
        List<StepwiseInstance> built = new ArrayList<>();
        built.addAll(new StepwiseBuilder(StepwiseOptions.math().withTitleHint(true).withThoughts(true)).build(traj));
        built.addAll(new StepwiseBuilder(StepwiseOptions.swe().withTargets(StepwiseOptions.Targets.ALL)).build(traj));

        Path out = dir.resolve("steps.jsonl");
        try (var w = StepwiseInstanceWriter.create(out)) {
            for (var i : built) w.write(i);
            w.commit();
        }
        assertEquals(built.size(), Files.readAllLines(out).size());
        assertEquals(built, StepwiseInstanceFile.readAll(out));
    }

    @Test
    void extraFieldsAreWrittenAndIgnoredOnReading() throws IOException {
        var inst = new StepwiseInstance("t#1", "t", 1, "task", List.of(Step.of("a")), null, "b");
        var extra = JsonNodeFactory.instance.objectNode().put("prompt", "P");
        Path out = dir.resolve("steps.jsonl");
        try (var w = StepwiseInstanceWriter.create(out)) {
            w.write(inst, extra);
            assertThrows(IllegalArgumentException.class,
                    () -> w.write(inst, JsonNodeFactory.instance.objectNode().put("target", "other")));
            w.commit();
        }
        String line = Files.readString(out);
        assertTrue(line.contains("\"prompt\":\"P\""), line);
        assertFalse(line.contains("\"hint\""), "an absent hint is left out");
        assertEquals(List.of(inst), StepwiseInstanceFile.readAll(out));
    }

    @Test
    void badInstancesNameTheField() throws IOException {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"id\":\"t#1\",\"trajectory_id\":\"t\",\"step_index\":-1,\"task\":\"x\",\"context\":[],\"target\":\"y\"}\n"
                + "{\"id\":\"t#1\",\"trajectory_id\":\"t\",\"step_index\":1,\"task\":\"x\",\"context\":[{}],\"target\":\"y\"}\n");
        var e = assertThrows(DataFormatException.class, () -> StepwiseInstanceFile.readAll(f));
        assertEquals(f + ":1: field 'step_index': expected an integer ≥ 0, got -1", e.getMessage());
        List<StepwiseInstance> none = new ArrayList<>();
        assertEquals(2, StepwiseInstanceFile.read(f, true, none::add));
        assertTrue(none.isEmpty());
    }
}
