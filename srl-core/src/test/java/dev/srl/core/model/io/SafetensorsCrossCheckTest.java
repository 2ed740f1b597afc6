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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Cross-checks against scripts/crosscheck-safetensors.py, which reads and writes the format with nothing but
 * Python's struct and json modules (and rounds to BF16 with exact fractions). Skipped without python3; the
 * PyTorch variants (torch's own BF16/F16 conversions) are skipped where no interpreter has torch.
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
        return run("python3", args);
    }

    /** An interpreter that has PyTorch (CI does not install it; Debian's python3-torch lands in /usr/bin/python3). */
    private static String torchPython() {
        for (String py : List.of("python3", "/usr/bin/python3")) {
            try {
                // find_spec does not import torch, which alone takes seconds.
                Process p = new ProcessBuilder(py, "-c", "import importlib.util as u, sys; "
                        + "sys.exit(u.find_spec('torch') is None or u.find_spec('numpy') is None)").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) return py;
            } catch (IOException | InterruptedException e) {
                // try the next one
            }
        }
        return null;
    }

    private static String run(String interpreter, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 2];
        cmd[0] = interpreter;
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
        assertReadsAsExpected(file, expected, Map.of("format", "pt", "source", "python"), 6);
    }

    @Test
    void readsAFileWhoseValuesTorchConverted() throws Exception {
        String py = torchPython();
        assumeTrue(py != null, "no python3 with torch");
        Path file = dir.resolve("torch.safetensors"), expected = dir.resolve("torch.json");
        run(py, "torch-write", file.toString(), expected.toString());
        assertReadsAsExpected(file, expected, Map.of("format", "pt"), 6);
    }

    @Test
    void ourBf16RoundingEqualsTorchs() throws Exception {
        String py = torchPython();
        assumeTrue(py != null, "no python3 with torch");
        Map<String, INDArray> bf = Map.of("x", Nd4j.create(manyFloats(new Random(9)), new long[]{40, 100}, 'c'));
        Path bfFile = dir.resolve("bf16.safetensors");
        SafetensorsWriter.write(bfFile, bf, Map.of(), SafetensorsDtype.BF16);
        Path bfExpected = expected(bf, "BF16", Map.of());
        Map<String, INDArray> plain = Map.of("y", Nd4j.create(new float[]{1.5f, -2f, 3e-39f}, new long[]{3}, 'c'),
                "z", Nd4j.create(new double[]{Math.E, -1e200}, new long[]{2}, 'c'));
        Path plainFile = dir.resolve("plain.safetensors");
        SafetensorsWriter.write(plainFile, plain, Map.of());
        run(py, "torch-check", bfFile.toString(), bfExpected.toString(),
                plainFile.toString(), expected(plain, null, Map.of()).toString());
    }

    private static void assertReadsAsExpected(Path file, Path expected, Map<String, String> metadata, int count) throws IOException {
        JsonNode want = JSON.readTree(expected.toFile());
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            assertEquals(metadata, r.metadata());
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
            assertEquals(count, n);
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
        Map<String, INDArray> bf = Map.of("x", Nd4j.create(manyFloats(rng), new long[]{40, 100}, 'c'));
        Path bfFile = dir.resolve("bf16.safetensors");
        SafetensorsWriter.write(bfFile, bf, Map.of(), SafetensorsDtype.BF16);
        python("check", bfFile.toString(), expected(bf, "BF16", Map.of()).toString());
    }

    /** 4000 finite floats: Gaussians, exact BF16 ties, tiny values and arbitrary magnitudes. */
    private static float[] manyFloats(Random rng) {
        float[] many = new float[4000];
        for (int i = 0; i < many.length; i++) {
            many[i] = switch (i % 4) {
                case 0 -> (float) rng.nextGaussian();
                case 1 -> Float.intBitsToFloat((rng.nextInt() & 0xFF7F0000) | 0x8000);   // exact tie, finite
                case 2 -> (float) (rng.nextGaussian() * 1e-30);
                default -> Float.intBitsToFloat(rng.nextInt() & 0x7F7FFFFF);               // any finite magnitude
            };
        }
        return many;
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
