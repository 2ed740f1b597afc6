package dev.srl.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.Map;

/**
 * A training forward pass cut by batch rows into one part per core, each part a whole
 * {@link TransformerForwardPass} run on its own thread: every operation of the model (products, attention,
 * norms, softmaxes) then runs in parallel, where splitting single operations left ND4J's element-wise work
 * on one core. The parts' log-probs are stacked back into the batch's layout and their parameter gradients
 * summed, part 0 first, so results do not depend on thread timing.
 */
final class SplitForwardPass extends PassOutputs {
    private final TransformerForwardPass[] parts;
    private final int[] firstRow;
    private boolean done;

    private SplitForwardPass(TransformerForwardPass[] parts, int[] firstRow) {
        this.parts = parts;
        this.firstRow = firstRow;
        INDArray[] lp = new INDArray[parts.length];
        INDArray[] en = new INDArray[parts.length];
        for (int i = 0; i < parts.length; i++) {
            lp[i] = parts[i].logProbs();
            en[i] = parts[i].entropy();
        }
        outputs(Nd4j.vstack(lp), Nd4j.vstack(en));
    }

    /** Runs {@code model}'s forward pass on {@code count} row ranges of {@code batch} in parallel. */
    static SplitForwardPass run(Transformer model, TokenBatch batch, double temperature, int count) {
        int b = batch.batchSize();
        int[] first = new int[count + 1];
        for (int i = 0; i <= count; i++) first[i] = (int) ((long) b * i / count);
        TransformerForwardPass[] parts = new TransformerForwardPass[count];
        RangeSplitter.shared().run(count, (from, to) -> {
            for (int i = from; i < to; i++) {
                TokenBatch sub = new TokenBatch(Arrays.copyOfRange(batch.tokens(), first[i], first[i + 1]),
                        Arrays.copyOfRange(batch.lengths(), first[i], first[i + 1]));
                parts[i] = model.forwardOnThisThread(sub, temperature);
            }
        });
        return new SplitForwardPass(parts, first);
    }

    @Override
    void release() {
        for (TransformerForwardPass p : parts) p.release();
    }

    @Override
    public Map<String, INDArray> backward(INDArray dLogProbs) {
        if (done) throw new IllegalStateException("backward may run once per forward pass");
        if (!Arrays.equals(dLogProbs.shape(), logProbs().shape())) {
            throw new IllegalArgumentException("dLogProbs has shape " + Arrays.toString(dLogProbs.shape())
                    + ", expected " + Arrays.toString(logProbs().shape()));
        }
        done = true;
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, INDArray>[] grads = new Map[parts.length];
        RangeSplitter.shared().run(parts.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                INDArray rows = dLogProbs.get(NDArrayIndex.interval(firstRow[i], firstRow[i + 1]), NDArrayIndex.all()).dup('c');
                grads[i] = parts[i].backward(rows);
            }
        });
        Map<String, INDArray> sum = grads[0];
        String[] names = sum.keySet().toArray(new String[0]);
        RangeSplitter.shared().run(names.length, (from, to) -> {
            for (int n = from; n < to; n++) {
                for (int i = 1; i < grads.length; i++) sum.get(names[n]).addi(grads[i].get(names[n]));
            }
        });
        for (int i = 1; i < grads.length; i++) Free.free(grads[i].values().toArray(new INDArray[0]));
        return sum;
    }
}
