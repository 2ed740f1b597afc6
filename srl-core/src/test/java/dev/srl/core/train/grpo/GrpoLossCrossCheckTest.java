package dev.srl.core.train.grpo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Compares GrpoLoss with PyTorch autograd ({@code scripts/crosscheck-grpo-loss.py}); skipped without python3 + torch. */
class GrpoLossCrossCheckTest {

    private static Path script() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("scripts/crosscheck-grpo-loss.py");
            if (Files.exists(s)) return s;
        }
        return null;
    }

    /** The first of python3 on the PATH and /usr/bin/python3 (Debian's python3-torch) that imports torch. */
    private static String pythonWithTorch() {
        for (String py : new String[] {"python3", "/usr/bin/python3"}) {
            try {
                Process p = new ProcessBuilder(py, "-c", "import torch").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return py;
            } catch (IOException | InterruptedException e) {
                // try the next one
            }
        }
        return null;
    }

    @Test
    void matchesTorchAutograd() throws Exception {
        Path script = script();
        String python = pythonWithTorch();
        assumeTrue(script != null && python != null, "python3 with torch is not available");
        SplittableRandom rng = new SplittableRandom(17);
        List<Map<String, Object>> cases = new ArrayList<>();
        List<double[][][]> inputs = new ArrayList<>();
        List<Object[]> settings = new ArrayList<>();
        for (LossAggregation agg : LossAggregation.values()) {
            for (KlEstimator kl : KlEstimator.values()) {
                for (double beta : new double[] {0, 0.04}) {
                    for (boolean onPolicy : new boolean[] {false, true}) {
                        int b = 3, t = 6;
                        double[][] logp = new double[b][t], old = new double[b][t], ref = new double[b][t], adv = new double[b][t], mask = new double[b][t];
                        for (int i = 0; i < b; i++) {
                            double a = rng.nextDouble(-2, 2);
                            int len = 2 + rng.nextInt(t - 1);
                            for (int j = 0; j < t; j++) {
                                logp[i][j] = rng.nextDouble(-4, -0.05);
                                old[i][j] = onPolicy ? logp[i][j] : logp[i][j] + rng.nextDouble(-0.7, 0.7);
                                ref[i][j] = logp[i][j] + rng.nextDouble(-1.5, 1.5);
                                adv[i][j] = a;
                                mask[i][j] = j >= 1 && j < len ? 1 : 0;
                            }
                        }
                        Map<String, Object> c = new LinkedHashMap<>();
                        c.put("logp", logp);
                        c.put("old", old);
                        c.put("ref", ref);
                        c.put("adv", adv);
                        c.put("mask", mask);
                        c.put("clip_low", 0.2);
                        c.put("clip_high", 0.28);
                        c.put("beta", beta);
                        c.put("kl", kl.name());
                        c.put("agg", agg.name());
                        c.put("max_len", 9);
                        cases.add(c);
                        inputs.add(new double[][][] {logp, old, ref, adv, mask});
                        settings.add(new Object[] {agg, new GrpoLoss.Options(0.2, 0.28, beta, kl)});
                    }
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        File in = File.createTempFile("grpo-cases", ".json");
        in.deleteOnExit();
        json.writeValue(in, cases);
        Process p = new ProcessBuilder(python, script.toString()).redirectInput(in).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        JsonNode results = json.readTree(out);
        for (int k = 0; k < cases.size(); k++) {
            double[][][] x = inputs.get(k);
            LossAggregation agg = (LossAggregation) settings.get(k)[0];
            GrpoLoss.Options o = (GrpoLoss.Options) settings.get(k)[1];
            GrpoLoss.Result r = GrpoLoss.compute(x[0], x[1], o.beta() > 0 ? x[2] : null, x[3], x[4], agg.weights(x[4], 9), o);
            String what = "case " + k + " " + agg + " " + o;
            assertEquals(results.get(k).get("loss").asDouble(), r.loss(), 1e-12, what);
            for (int i = 0; i < x[0].length; i++) {
                for (int j = 0; j < x[0][i].length; j++) {
                    assertEquals(results.get(k).get("grad").get(i).get(j).asDouble(), r.gradient()[i][j], 1e-12, what + " grad[" + i + "][" + j + "]");
                }
            }
        }
    }
}
