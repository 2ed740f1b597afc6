package dev.srl.core.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KV-cache decoding and sampling against the training forward pass. */
class TransformerSamplingTest {
    private static final int V = 13;
    private static final List<int[]> PROMPTS = List.of(new int[]{1, 2, 3, 4, 5, 6}, new int[]{7}, new int[]{3, 3, 9});

    @Test
    void sampledLogProbsEqualForwardLogProbsInFloat() {
        sampledLogProbsMatchForward(DataType.FLOAT, 1e-4);
    }

    @Test
    void sampledLogProbsEqualForwardLogProbsInDouble() {
        sampledLogProbsMatchForward(DataType.DOUBLE, 1e-6); // Completion stores float log-probs
    }

    private void sampledLogProbsMatchForward(DataType dt, double tol) {
        for (ModelConfig c : List.of(TinyModels.qwen2(V), TinyModels.llama(V))) {
            Transformer m = TinyModels.model(c, 11, dt);
            double temperature = 0.8;
            List<Completion> outs = m.sample(PROMPTS, new SamplingParams(7, temperature, 0, 1, List.of(), List.of()), new Random(5));
            List<int[]> rows = new ArrayList<>();
            for (int b = 0; b < PROMPTS.size(); b++) rows.add(concat(PROMPTS.get(b), outs.get(b).tokens()));
            INDArray lp = m.forward(TokenBatch.pad(rows, 0), temperature).logProbs();
            for (int b = 0; b < PROMPTS.size(); b++) {
                Completion out = outs.get(b);
                assertEquals(7, out.tokens().length);
                assertEquals(Completion.FinishReason.LENGTH, out.finishReason());
                for (int i = 0; i < out.tokens().length; i++) {
                    assertEquals(lp.getDouble(b, PROMPTS.get(b).length + i), out.logProbs()[i], tol, "row " + b + " token " + i);
                }
            }
        }
    }

    @Test
    void greedyWithCacheEqualsGreedyByFullRecomputation() {
        for (ModelConfig c : List.of(TinyModels.qwen2(V), TinyModels.llama(V))) {
            Transformer m = TinyModels.model(c, 12, DataType.DOUBLE);
            List<Completion> outs = m.sample(PROMPTS, SamplingParams.greedy(8, List.of()), new Random(1));
            for (int b = 0; b < PROMPTS.size(); b++) {
                assertArrayEquals(greedyByRecomputation(m, PROMPTS.get(b), 8), outs.get(b).tokens(), "prompt " + b);
            }
        }
    }

    /** Greedy decoding with no cache: score every candidate next token with the training forward pass. */
    private static int[] greedyByRecomputation(Transformer m, int[] prompt, int n) {
        int[] seq = prompt.clone();
        for (int step = 0; step < n; step++) {
            List<int[]> candidates = new ArrayList<>();
            for (int tok = 0; tok < V; tok++) candidates.add(concat(seq, new int[]{tok}));
            INDArray lp = m.forward(TokenBatch.pad(candidates, 0), 1.0).logProbs();
            int best = 0;
            for (int tok = 1; tok < V; tok++) if (lp.getDouble(tok, seq.length) > lp.getDouble(best, seq.length)) best = tok;
            seq = concat(seq, new int[]{best});
        }
        return Arrays.copyOfRange(seq, prompt.length, seq.length);
    }

    @Test
    void batchedDecodingEqualsDecodingEachPromptAlone() {
        Transformer m = TinyModels.model(TinyModels.qwen2(V), 13, DataType.DOUBLE);
        SamplingParams greedy = SamplingParams.greedy(9, List.of());
        List<Completion> together = m.sample(PROMPTS, greedy, new Random(1));
        for (int b = 0; b < PROMPTS.size(); b++) {
            Completion alone = m.sample(List.of(PROMPTS.get(b)), greedy, new Random(1)).get(0);
            assertArrayEquals(alone.tokens(), together.get(b).tokens());
            for (int i = 0; i < alone.tokens().length; i++) {
                assertEquals(alone.logProbs()[i], together.get(b).logProbs()[i], 1e-6);
            }
        }
    }

    @Test
    void topKOneAndTinyTopPEqualGreedy() {
        Transformer m = TinyModels.model(TinyModels.llama(V), 14, DataType.FLOAT);
        List<Completion> greedy = m.sample(PROMPTS, SamplingParams.greedy(8, List.of()), new Random(1));
        List<Completion> topK = m.sample(PROMPTS, new SamplingParams(8, 1.0, 1, 1, List.of(), List.of()), new Random(2));
        List<Completion> topP = m.sample(PROMPTS, new SamplingParams(8, 1.0, 0, 1e-9, List.of(), List.of()), new Random(3));
        for (int b = 0; b < PROMPTS.size(); b++) {
            assertArrayEquals(greedy.get(b).tokens(), topK.get(b).tokens());
            assertArrayEquals(greedy.get(b).tokens(), topP.get(b).tokens());
            assertArrayEquals(greedy.get(b).logProbs(), topK.get(b).logProbs(), 1e-6f);
        }
    }

    @Test
    void aSeedReproducesItsSamples() {
        Transformer m = TinyModels.model(TinyModels.qwen2(V), 15, DataType.FLOAT);
        SamplingParams p = new SamplingParams(12, 1.2, 8, 0.95, List.of(), List.of());
        List<Completion> a = m.sample(PROMPTS, p, new Random(77));
        List<Completion> b = m.sample(PROMPTS, p, new Random(77));
        List<Completion> c = m.sample(PROMPTS, p, new Random(78));
        boolean differs = false;
        for (int i = 0; i < PROMPTS.size(); i++) {
            assertArrayEquals(a.get(i).tokens(), b.get(i).tokens());
            assertArrayEquals(a.get(i).logProbs(), b.get(i).logProbs());
            differs |= !Arrays.equals(a.get(i).tokens(), c.get(i).tokens());
        }
        assertTrue(differs, "another seed should give other samples");
    }

    @Test
    void stopsAtStopIdsAndStopStrings() {
        Transformer m = TinyModels.model(TinyModels.qwen2(V), 16, DataType.FLOAT);
        int[] free = m.sample(List.of(PROMPTS.get(0)), SamplingParams.greedy(6, List.of()), new Random(1)).get(0).tokens();
        int stopId = free[2];
        int firstHit = 0;
        while (free[firstHit] != stopId) firstHit++;
        Completion stopped = m.sample(List.of(PROMPTS.get(0)), SamplingParams.greedy(6, List.of(stopId)), new Random(1)).get(0);
        assertEquals(Completion.FinishReason.STOP_TOKEN, stopped.finishReason());
        assertArrayEquals(Arrays.copyOf(free, firstHit + 1), stopped.tokens());
        assertFalse(stopped.truncated());

        // Detokenize id i as the letter 'a' + i; stop once the text holds the letters of tokens 1 and 2.
        String stop = "" + (char) ('a' + free[1]) + (char) ('a' + free[2]);
        SamplingParams withString = new SamplingParams(6, 0, 0, 1, List.of(), List.of(stop));
        Completion byString = m.sample(List.of(PROMPTS.get(0)), withString, new Random(1), TransformerSamplingTest::letters).get(0);
        assertEquals(Completion.FinishReason.STOP_STRING, byString.finishReason());
        assertTrue(letters(byString.tokens()).endsWith(stop));
        assertThrows(IllegalArgumentException.class, () -> m.sample(List.of(PROMPTS.get(0)), withString, new Random(1)));
    }

    @Test
    void rejectsIdsOutsideTheVocabulary() {
        Transformer m = TinyModels.model(TinyModels.qwen2(V), 17, DataType.FLOAT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.sample(List.of(new int[]{1, V}), SamplingParams.greedy(2, List.of()), new Random(1)));
        assertTrue(e.getMessage().contains("prompt 0 token 1"), e.getMessage());
        assertNotEquals(0, m.parameterCount());
    }

    private static String letters(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) sb.append((char) ('a' + id));
        return sb.toString();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
