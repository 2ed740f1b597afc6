package dev.srl.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.Map;

/**
 * The training forward pass of a {@link Transformer}: log-probs and entropies of a padded batch, and the
 * activations for one backward pass. Row {@code b*T + t} of the logits predicts token {@code t + 1}.
 *
 * <p>Only one {@code [B*T, V]} array is kept: the temperature-scaled log-softmax, which the backward pass
 * turns into {@code dL/dlogits} in place (so {@link #backward} may run once).
 */
final class TransformerForwardPass extends PassOutputs {
    private final Transformer model;
    private final TokenBatch batch;
    private final int[] ids;
    private final double temperature;
    private TransformerBlock.Saved[] saved;
    private RmsNorm.Output finalNorm;
    private INDArray logSoftmax;

    TransformerForwardPass(Transformer model, TokenBatch batch, int[] ids, double temperature,
                           TransformerBlock.Saved[] saved, RmsNorm.Output finalNorm, INDArray scaledLogits) {
        this.model = model;
        this.batch = batch;
        this.ids = ids;
        this.temperature = temperature;
        this.saved = saved;
        this.finalNorm = finalNorm;
        int b = batch.batchSize(), t = batch.maxLength(), v = (int) scaledLogits.size(1);
        INDArray z = scaledLogits;
        double[] ent;
        if (Kernels.vectorOps(z)) {
            ent = new double[b * t];
            VectorOps.logSoftmax(z, ent);
        } else {
            // log-softmax row by row: z - max - log(sum(exp(z - max))); entropy = log(sum) - E_p[z - max]
            INDArray max = z.max(true, 1);
            z.subiColumnVector(max);
            INDArray e = Transforms.exp(z, true);
            INDArray sum = e.sum(true, 1);
            INDArray meanZ = e.muli(z).sum(true, 1).divi(sum);
            INDArray logSum = Transforms.log(sum, false);
            z.subiColumnVector(logSum);
            ent = logSum.subi(meanZ).data().asDouble();
            Free.free(max, e, sum, meanZ);
        }
        this.logSoftmax = z;
        double[][] lp = new double[b][t];
        double[][] en = new double[b][t];
        for (int i = 0; i < b; i++) {
            for (int j = 1; j < batch.lengths()[i]; j++) {
                int row = i * t + j - 1;
                lp[i][j] = z.data().getDouble((long) row * v + ids[i * t + j]);
                en[i][j] = ent[row];
            }
        }
        outputs(Nd4j.create(lp).castTo(z.dataType()), Nd4j.create(en).castTo(z.dataType()));
    }

    @Override
    void release() {
        if (logSoftmax == null) return;
        Free.free(logSoftmax, finalNorm.y());
        logSoftmax = null;
        finalNorm.saved().free();
        if (saved.length > 0) saved[0].angles().free();
        for (TransformerBlock.Saved s : saved) s.free();
        saved = null;
        finalNorm = null;
    }

    @Override
    public Map<String, INDArray> backward(INDArray dLogProbs) {
        if (logSoftmax == null) throw new IllegalStateException("backward may run once per forward pass");
        int b = batch.batchSize(), t = batch.maxLength();
        if (!Arrays.equals(dLogProbs.shape(), new long[]{b, t})) {
            throw new IllegalArgumentException("dLogProbs has shape " + Arrays.toString(dLogProbs.shape())
                    + ", expected [" + b + ", " + t + "]");
        }
        double[][] g = dLogProbs.toDoubleMatrix();
        double[] rowGrad = new double[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 1; j < batch.lengths()[i]; j++) rowGrad[i * t + j - 1] = g[i][j];
        }
        // d logp(target) / dz = onehot(target) - softmax(z); rows without a target get 0
        INDArray dz;
        int v = (int) logSoftmax.size(1);
        if (Kernels.vectorOps(logSoftmax)) {
            int[] target = new int[b * t];
            java.util.Arrays.fill(target, -1);
            for (int i = 0; i < b; i++) {
                for (int j = 1; j < batch.lengths()[i]; j++) target[i * t + j - 1] = ids[i * t + j];
            }
            dz = logSoftmax;
            VectorOps.logSoftmaxBackward(dz, rowGrad, target);
        } else {
            dz = Transforms.exp(logSoftmax, false);
            INDArray gCol = Nd4j.createFromArray(rowGrad).castTo(dz.dataType()).reshape(b * t, 1).negi();
            dz.muliColumnVector(gCol);
            Free.free(gCol);
            for (int i = 0; i < b; i++) {
                for (int j = 1; j < batch.lengths()[i]; j++) {
                    int row = i * t + j - 1;
                    long at = (long) row * v + ids[i * t + j];
                    dz.data().put(at, dz.data().getDouble(at) + rowGrad[row]);
                }
            }
        }
        logSoftmax = null;
        Map<String, INDArray> grads = model.zeroGradients();
        int d = model.config().hiddenSize();
        double invT = 1.0 / temperature;
        INDArray y = finalNorm.y();
        // logits = y W^T / T, so dW += dz^T y / T and dy = dz W / T
        Blas.gemm(true, false, v, d, b * t, invT, dz, 0, v, y, 0, d, 1, grads.get(model.headName()), 0, d);
        INDArray dy = Nd4j.createUninitialized(y.dataType(), y.shape());
        Blas.gemm(false, false, b * t, d, v, invT, dz, 0, v, model.head(), 0, d, 0, dy, 0, d);
        Free.free(dz);
        INDArray dTop = RmsNorm.backward(dy, finalNorm.saved(), model.finalNorm(), grads.get(Transformer.NORM));
        Free.free(dy, finalNorm.y());
        finalNorm.saved().free();
        TransformerBlock.Saved[] s = saved;
        saved = null;
        finalNorm = null;
        Rope.Angles angles = s.length > 0 ? s[0].angles() : null;
        model.backwardFromTop(dTop, s, ids, batch, grads);
        if (angles != null) angles.free();
        return grads;
    }
}
