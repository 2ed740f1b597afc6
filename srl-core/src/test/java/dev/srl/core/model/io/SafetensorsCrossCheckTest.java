package dev.srl.core.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Cross-checks against scripts/crosscheck-safetensors.py, which reads and writes the format with nothing but
 * Python's struct and json modules (and rounds to BF16 with exact fractions). Skipped without python3.
 */
class SafetensorsCrossCheckTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "crosscheck-safetensors.py");
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    @BeforeAll
    static void needsPython() {
        assumeTrue(Files.isRegularFile(SCRIPT), "script not found");
        try {
            assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor() == 0, "python3 not available");
        } catch (IOException | InterruptedException e) {
            assumeTrue(false, "python3 not available");
        }
    }

    private static String python(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "python3";
        cmd[1] = SCRIPT.toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void readsAFileWrittenByPlainPython() throws Exception {
        Path file = dir.resolve("py.safetensors"), expected = dir.resolve("py.json");
        python("write", file.toString(), expected.toString());
        JsonNode want = JSON.readTree(expected.toFile());
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            assertEquals(Map.of("format", "pt", "source", "python"), r.metadata());
            var it = want.get("tensors").fields();
            int n = 0;
            while (it.hasNext()) {
                var e = it.next();
                String name = e.getKey();
                TensorInfo info = r.info(name);
                assertEquals(e.getValue().get("dtype").asText(), info.dtype().name(), name);
                JsonNode shape = e.getValue().get("shape");
                assertEquals(shape.size(), info.shape().length, name);
                for (int i = 0; i < shape.size(); i++) assertEquals(shape.get(i).asLong(), info.shape()[i], name);
                JsonNode values = e.getValue().get("values");
                INDArray a = r.read(name, DataType.DOUBLE);
                double[] got = a.isEmpty() ? new double[0] : a.data().asDouble();
                assertEquals(values.size(), got.length, name);
                for (int i = 0; i < got.length; i++) {
                    assertEquals(values.get(i).asDouble(), got[i], 0.0, name + "[" + i + "]");
                }
                n++;
            }
            assertEquals(6, n);
            assertEquals(r.names().size(), n);
        }
    }

    @Test
    void pythonReadsWhatWeWriteIncludingBf16Rounding() throws Exception {
        Random rng = new Random(5);
        float[] w = new float[6];
        for (int i = 0; i < w.length; i++) w[i] = (float) rng.nextGaussian();
        double[] d = {Math.PI, -1e-300, 1e300};
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("w", Nd4j.create(w, new long[]{2, 3}, 'c'));
        tensors.put("s", Nd4j.scalar(-7.5f));
        tensors.put("d", Nd4j.create(d, new long[]{3}, 'c'));
        Path f32 = dir.resolve("java.safetensors");
        SafetensorsWriter.write(f32, tensors, Map.of("format", "pt"));
        python("check", f32.toString(), expected(tensors, null, Map.of("format", "pt")).toString());

        // Many values, with exact ties and magnitudes near the top of the range, rounded to BF16.
        float[] many = new float[4000];
        for (int i = 0; i < many.length; i++) {
            many[i] = switch (i % 4) {
                case 0 -> (float) rng.nextGaussian();
                case 1 -> Float.intBitsToFloat((rng.nextInt() & 0xFF7F0000) | 0x8000);   // exact tie, finite
                case 2 -> (float) (rng.nextGaussian() * 1e-30);
                default -> Float.intBitsToFloat(rng.nextInt() & 0x7F7FFFFF);               // any finite magnitude
            };
        }
        Map<String, INDArray> bf = Map.of("x", Nd4j.create(many, new long[]{40, 100}, 'c'));
        Path bfFile = dir.resolve("bf16.safetensors");
        SafetensorsWriter.write(bfFile, bf, Map.of(), SafetensorsDtype.BF16);
        python("check", bfFile.toString(), expected(bf, "BF16", Map.of()).toString());
    }

    private Path expected(Map<String, INDArray> tensors, String dtype, Map<String, String> metadata) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode t = root.putObject("tensors");
        for (var e : tensors.entrySet()) {
            INDArray a = e.getValue();
            ObjectNode o = t.putObject(e.getKey());
            o.put("dtype", dtype != null ? dtype : a.dataType() == DataType.DOUBLE ? "F64" : "F32");
            ArrayNode shape = o.putArray("shape");
            for (long s : a.shape()) shape.add(s);
            ArrayNode values = o.putArray("values");
            for (double v : a.data().asDouble()) values.add(v);
        }
        ObjectNode m = root.putObject("metadata");
        metadata.forEach(m::put);
        Path f = dir.resolve("expected-" + tensors.keySet().iterator().next() + ".json");
        JSON.writeValue(f.toFile(), root);
        return f;
    }
}
