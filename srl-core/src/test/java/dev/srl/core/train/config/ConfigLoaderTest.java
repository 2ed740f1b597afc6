package dev.srl.core.train.config;

import dev.srl.core.train.grpo.GrpoConfig;
import dev.srl.core.train.grpo.LossAggregation;
import dev.srl.core.train.optim.OptimizerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    /** A composite config like the CLI's: a run section and a GRPO section. */
    record Composite(String name, GrpoConfig grpo) {
    }

    static final Composite DEFAULTS = new Composite("demo", GrpoConfig.small());

    private static IllegalArgumentException fails(Path dir, String yaml, String... overrides) throws IOException {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(f, Composite.class, DEFAULTS, List.of(overrides)));
    }

    @Test
    void fileAndOverridesApplyOverDefaults(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "name: srl-1\ngrpo:\n  groupSize: 6\n  lossAggregation: sequence_mean\n  stopIds: [2, 3]\n  optimizer:\n    lr: 3.0e-6\n");
        Composite c = ConfigLoader.load(f, Composite.class, DEFAULTS, List.of("grpo.optimizer.maxGradNorm=0.5", "grpo.dynamicSampling=false"));
        assertEquals("srl-1", c.name());
        assertEquals(6, c.grpo().groupSize());
        assertEquals(LossAggregation.SEQUENCE_MEAN, c.grpo().lossAggregation());
        assertEquals(List.of(2, 3), c.grpo().stopIds());
        assertEquals(3e-6, c.grpo().optimizer().lr());
        assertEquals(0.5, c.grpo().optimizer().maxGradNorm());
        assertEquals(false, c.grpo().dynamicSampling());
        assertEquals(GrpoConfig.small().promptsPerStep(), c.grpo().promptsPerStep());   // untouched default
        assertEquals(OptimizerConfig.Schedule.CONSTANT, c.grpo().optimizer().schedule());
    }

    @Test
    void jsonFilesWorkToo(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("c.json");
        Files.writeString(f, "{\"grpo\": {\"beta\": 0.01}}");
        assertEquals(0.01, ConfigLoader.load(f, Composite.class, DEFAULTS, List.of()).grpo().beta());
    }

    @Test
    void resolvedConfigRoundTrips(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("resolved.yaml");
        Composite c = new Composite("x", GrpoConfig.srlPaper());
        Files.writeString(f, ConfigLoader.toYaml(c));
        assertEquals(c, ConfigLoader.load(f, Composite.class, DEFAULTS, List.of()));
    }

    @Test
    void unknownFieldsNameTheirPath(@TempDir Path dir) throws IOException {
        IllegalArgumentException e = fails(dir, "grpo:\n  optimizer:\n    learningRate: 1\n");
        assertTrue(e.getMessage().contains("unknown field 'grpo.optimizer.learningRate'"), e.getMessage());
        assertTrue(e.getMessage().contains("c.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("known: lr,"), e.getMessage());
        e = fails(dir, "grpo: {}\n", "grpo.gropSize=3");
        assertTrue(e.getMessage().contains("unknown field 'grpo.gropSize'"), e.getMessage());
    }

    @Test
    void wrongTypesNameTheirPath(@TempDir Path dir) throws IOException {
        IllegalArgumentException e = fails(dir, "grpo:\n  groupSize: many\n");
        assertTrue(e.getMessage().contains("'grpo.groupSize'"), e.getMessage());
        e = fails(dir, "grpo:\n  lossAggregation: per_word\n");
        assertTrue(e.getMessage().contains("'grpo.lossAggregation'"), e.getMessage());
        e = fails(dir, "grpo:\n  optimizer: 5\n");
        assertTrue(e.getMessage().contains("'grpo.optimizer' must be a mapping"), e.getMessage());
    }

    @Test
    void invalidValuesNameTheirField(@TempDir Path dir) throws IOException {
        IllegalArgumentException e = fails(dir, "grpo:\n  groupSize: 1\n");
        assertTrue(e.getMessage().contains("grpo") && e.getMessage().contains("groupSize must be >= 2"), e.getMessage());
        e = fails(dir, "grpo:\n  optimizer:\n    lr: -1\n");
        assertTrue(e.getMessage().contains("optimizer.lr must be >= 0"), e.getMessage());
        e = fails(dir, "", "grpo.optimizer=3");
        assertTrue(e.getMessage().contains("is a section"), e.getMessage());
        e = fails(dir, "", "novalue");
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
    }
}
