package dev.srl.core.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The model's element-wise work in float, fused into one pass per row with the JDK's vector API, reading
 * and writing the ND4J arrays' memory in place. As chains of ND4J operations the same arithmetic cost ten
 * times more on a small model's activations (each operation allocates its result and pays a fixed
 * overhead): an RMS norm of 512 x 128 took about 300 µs as seven ND4J operations and 30 µs here.
 *
 * <p>Used only when {@link Kernels#vectorOps} holds (vector module present, FLOAT arrays); the ND4J versions next to
 * each caller remain the reference (DOUBLE models, gradient checks) and {@code VectorOpsTest} holds the two
 * equal. Only loaded when {@link Kernels#VECTOR} is true. Rows are spread over the cores. Sums of lanes and
 * exponentials go through {@link VectorMath}, so results do not depend on when the JIT compiles this code.
 */
final class VectorOps {
    private static final VectorSpecies<Float> S = VectorMath.S;
    private static final int L = S.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorOps() {
    }

    private static ByteBuffer bytes(INDArray a) {
        // a view's data() starts at the view's first element (as for Blas)
        return new FloatPointer(a.data().addressPointer()).capacity(a.length()).asByteBuffer().order(ORDER);
    }

    private static FloatVector load(ByteBuffer b, int element) {
        return FloatVector.fromByteBuffer(S, b, element * Float.BYTES, ORDER);
    }

    private static void store(FloatVector v, ByteBuffer b, int element) {
        v.intoByteBuffer(b, element * Float.BYTES, ORDER);
    }

    private static float get(ByteBuffer b, int element) {
        return b.getFloat(element * Float.BYTES);
    }

    private static void put(ByteBuffer b, int element, float v) {
        b.putFloat(element * Float.BYTES, v);
    }

    /** {@code y = x * inv * w} per row of {@code x [N, d]}, {@code inv [N, 1]} receiving each row's inverse RMS. */
    static void rmsNorm(INDArray x, INDArray w, double eps, INDArray y, INDArray inv) {
        int n = Blas.rows(x), d = Blas.cols(x), body = d - d % L;
        ByteBuffer bx = bytes(x), bw = bytes(w), by = bytes(y), bi = bytes(inv);
        RangeSplitter.shared().run(n, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * d;
                FloatVector acc = FloatVector.zero(S);
                for (int i = 0; i < body; i += L) {
                    FloatVector e = load(bx, o + i);
                    acc = e.fma(e, acc);
                }
                double ss = VectorMath.sum(acc);
                for (int i = body; i < d; i++) ss += (double) get(bx, o + i) * get(bx, o + i);
                float s = (float) (1 / Math.sqrt(ss / d + eps));
                put(bi, r, s);
                for (int i = 0; i < body; i += L) store(load(bx, o + i).mul(s).mul(load(bw, i)), by, o + i);
                for (int i = body; i < d; i++) put(by, o + i, get(bx, o + i) * s * get(bw, i));
            }
        });
    }

    /**
     * The backward pass of {@link #rmsNorm}: {@code dx = inv * dy * w - x * inv^3 * mean(dy * w * x)} per row,
     * and {@code dW += sum over rows of dy * x * inv} (summed by column ranges, so the order is fixed).
     */
    static void rmsNormBackward(INDArray dy, INDArray x, INDArray inv, INDArray w, INDArray dx, INDArray dW) {
        int n = Blas.rows(dy), d = Blas.cols(dy), body = d - d % L;
        ByteBuffer bdy = bytes(dy), bx = bytes(x), bi = bytes(inv), bw = bytes(w), bdx = bytes(dx), bdw = bytes(dW);
        RangeSplitter.shared().run(n, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * d;
                FloatVector acc = FloatVector.zero(S);
                for (int i = 0; i < body; i += L) acc = load(bdy, o + i).mul(load(bw, i)).fma(load(bx, o + i), acc);
                double gx = VectorMath.sum(acc);
                for (int i = body; i < d; i++) gx += (double) get(bdy, o + i) * get(bw, i) * get(bx, o + i);
                float s = get(bi, r), c = (float) (s * s * s * gx / d);
                for (int i = 0; i < body; i += L) {
                    store(load(bdy, o + i).mul(load(bw, i)).mul(s).sub(load(bx, o + i).mul(c)), bdx, o + i);
                }
                for (int i = body; i < d; i++) put(bdx, o + i, get(bdy, o + i) * get(bw, i) * s - get(bx, o + i) * c);
            }
        });
        int chunks = (d + L - 1) / L;
        RangeSplitter.shared().run(chunks, (from, to) -> {
            for (int chunk = from; chunk < to; chunk++) {
                int c0 = chunk * L;
                if (c0 + L <= d) {
                    FloatVector acc = FloatVector.zero(S);
                    for (int r = 0; r < n; r++) acc = load(bdy, r * d + c0).mul(load(bx, r * d + c0)).mul(get(bi, r)).add(acc);
                    store(load(bdw, c0).add(acc), bdw, c0);
                } else {
                    for (int c = c0; c < d; c++) {
                        float acc = 0;
                        for (int r = 0; r < n; r++) acc += get(bdy, r * d + c) * get(bx, r * d + c) * get(bi, r);
                        put(bdw, c, get(bdw, c) + acc);
                    }
                }
            }
        });
    }

    /** {@code act = silu(gate) * up}, element-wise. */
    static void swiGlu(INDArray gate, INDArray up, INDArray act) {
        int n = (int) gate.length();
        ByteBuffer bg = bytes(gate), bu = bytes(up), ba = bytes(act);
        RangeSplitter.shared().run(chunks(n), (from, to) -> {
            int end = Math.min(n, to * CHUNK), i = from * CHUNK;
            for (; i + L <= end; i += L) {
                FloatVector z = load(bg, i);
                store(z.div(VectorMath.exp(z.neg()).add(1f)).mul(load(bu, i)), ba, i);
            }
            for (; i < end; i++) {
                float z = get(bg, i);
                put(ba, i, (float) (z / (1 + Math.exp(-z))) * get(bu, i));
            }
        });
    }

    /**
     * The backward pass of {@link #swiGlu}: writes {@code dUp = dAct * silu(gate)} and turns {@code dAct} in
     * place into {@code dGate = dAct * up * sig * (1 + gate * (1 - sig))}, {@code sig = sigmoid(gate)}.
     */
    static void swiGluBackward(INDArray dAct, INDArray gate, INDArray up, INDArray dUp) {
        int n = (int) dAct.length();
        ByteBuffer bd = bytes(dAct), bg = bytes(gate), bu = bytes(up), bdu = bytes(dUp);
        RangeSplitter.shared().run(chunks(n), (from, to) -> {
            int end = Math.min(n, to * CHUNK), i = from * CHUNK;
            for (; i + L <= end; i += L) {
                FloatVector z = load(bg, i), da = load(bd, i);
                FloatVector sig = FloatVector.broadcast(S, 1f).div(VectorMath.exp(z.neg()).add(1f));
                store(da.mul(z).mul(sig), bdu, i);
                store(da.mul(load(bu, i)).mul(sig).mul(z.mul(sig.neg().add(1f)).add(1f)), bd, i);
            }
            for (; i < end; i++) {
                float z = get(bg, i), da = get(bd, i), sig = (float) (1 / (1 + Math.exp(-z)));
                put(bdu, i, da * z * sig);
                put(bd, i, da * get(bu, i) * sig * (1 + z * (1 - sig)));
            }
        });
    }

    private static final int CHUNK = 4096;

    private static int chunks(int n) {
        return (n + CHUNK - 1) / CHUNK;
    }

    /**
     * Causal softmax in place over score rows {@code [B*H*T, T]}: row {@code r} (position {@code r % T}) is
     * normalised over its first {@code r % T + 1} entries; the rest become 0.
     */
    static void causalSoftmax(INDArray scores, int time) {
        int rows = Blas.rows(scores);
        ByteBuffer b = bytes(scores);
        RangeSplitter.shared().run(rows, (from, to) -> {
            for (int r = from; r < to; r++) softmaxRow(b, r * time, r % time + 1, time);
        });
    }

    private static void softmaxRow(ByteBuffer b, int o, int len, int width) {
        int body = len - len % L;
        FloatVector mv = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < body; j += L) mv = mv.max(load(b, o + j));
        float max = mv.reduceLanes(VectorOperators.MAX);
        for (int j = body; j < len; j++) max = Math.max(max, get(b, o + j));
        FloatVector sv = FloatVector.zero(S);
        for (int j = 0; j < body; j += L) {
            FloatVector e = VectorMath.exp(load(b, o + j).sub(max));
            store(e, b, o + j);
            sv = sv.add(e);
        }
        double sum = VectorMath.sum(sv);
        for (int j = body; j < len; j++) {
            float e = (float) Math.exp(get(b, o + j) - max);
            put(b, o + j, e);
            sum += e;
        }
        float inv = (float) (1 / sum);
        for (int j = 0; j < body; j += L) store(load(b, o + j).mul(inv), b, o + j);
        for (int j = body; j < len; j++) put(b, o + j, get(b, o + j) * inv);
        for (int j = len; j < width; j++) put(b, o + j, 0f);
    }

    /** Softmax backward in place over rows: {@code dP} becomes {@code scale * P * (dP - rowsum(P * dP))}. */
    static void softmaxBackward(INDArray probs, INDArray dProbs, double scale) {
        int rows = Blas.rows(probs), w = Blas.cols(probs), body = w - w % L;
        float sc = (float) scale;
        ByteBuffer bp = bytes(probs), bd = bytes(dProbs);
        RangeSplitter.shared().run(rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * w;
                FloatVector acc = FloatVector.zero(S);
                for (int j = 0; j < body; j += L) acc = load(bp, o + j).fma(load(bd, o + j), acc);
                double dot = VectorMath.sum(acc);
                for (int j = body; j < w; j++) dot += (double) get(bp, o + j) * get(bd, o + j);
                float dt = (float) dot;
                for (int j = 0; j < body; j += L) store(load(bd, o + j).sub(dt).mul(load(bp, o + j)).mul(sc), bd, o + j);
                for (int j = body; j < w; j++) put(bd, o + j, (get(bd, o + j) - dt) * get(bp, o + j) * sc);
            }
        });
    }

    /** Log-softmax in place over rows of {@code z [N, V]}; {@code entropy[r]} receives each row's entropy. */
    static void logSoftmax(INDArray z, double[] entropy) {
        int rows = Blas.rows(z), v = Blas.cols(z), body = v - v % L;
        ByteBuffer b = bytes(z);
        RangeSplitter.shared().run(rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * v;
                FloatVector mv = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
                for (int j = 0; j < body; j += L) mv = mv.max(load(b, o + j));
                float max = mv.reduceLanes(VectorOperators.MAX);
                for (int j = body; j < v; j++) max = Math.max(max, get(b, o + j));
                FloatVector sv = FloatVector.zero(S), wv = FloatVector.zero(S);
                for (int j = 0; j < body; j += L) {
                    FloatVector d = load(b, o + j).sub(max), e = VectorMath.exp(d);
                    sv = sv.add(e);
                    wv = e.fma(d, wv);
                }
                double sum = VectorMath.sum(sv), weighted = VectorMath.sum(wv);
                for (int j = body; j < v; j++) {
                    double d = get(b, o + j) - max, e = Math.exp(d);
                    sum += e;
                    weighted += e * d;
                }
                double logSum = Math.log(sum);
                entropy[r] = logSum - weighted / sum;
                float shift = (float) (max + logSum);
                for (int j = 0; j < body; j += L) store(load(b, o + j).sub(shift), b, o + j);
                for (int j = body; j < v; j++) put(b, o + j, get(b, o + j) - shift);
            }
        });
    }

    /**
     * Turns a log-softmax {@code [N, V]} in place into {@code dz = g[r] * (onehot(target[r]) - softmax)} per row;
     * rows with {@code target[r] < 0} get {@code -g[r] * softmax} (their {@code g} is 0 in practice).
     */
    static void logSoftmaxBackward(INDArray logSoftmax, double[] rowGrad, int[] target) {
        int rows = Blas.rows(logSoftmax), v = Blas.cols(logSoftmax), body = v - v % L;
        ByteBuffer b = bytes(logSoftmax);
        RangeSplitter.shared().run(rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * v;
                float g = (float) -rowGrad[r];
                for (int j = 0; j < body; j += L) store(VectorMath.exp(load(b, o + j)).mul(g), b, o + j);
                for (int j = body; j < v; j++) put(b, o + j, (float) Math.exp(get(b, o + j)) * g);
                if (target[r] >= 0) put(b, o + target[r], get(b, o + target[r]) + (float) rowGrad[r]);
            }
        });
    }

    /**
     * One AdamW step on a parameter in place, in one pass: {@code m = b1 m + (1-b1) g},
     * {@code v = b2 v + (1-b2) g^2}, {@code p = p * decay - lrOverBc1 * m / (sqrt(v) / sqrtBc2 + eps)}.
     */
    static void adamW(INDArray p, INDArray g, INDArray m, INDArray v, float b1, float b2, float eps, float decay,
                      float lrOverBc1, float sqrtBc2) {
        int n = (int) p.length();
        ByteBuffer bp = bytes(p), bg = bytes(g), bm = bytes(m), bv = bytes(v);
        float c1 = 1 - b1, c2 = 1 - b2;
        RangeSplitter.shared().run(chunks(n), (from, to) -> {
            int end = Math.min(n, to * CHUNK), i = from * CHUNK;
            for (; i + L <= end; i += L) {
                FloatVector gv = load(bg, i);
                FloatVector mv = load(bm, i).mul(b1).add(gv.mul(c1));
                FloatVector vv = load(bv, i).mul(b2).add(gv.mul(gv).mul(c2));
                store(mv, bm, i);
                store(vv, bv, i);
                FloatVector denom = vv.lanewise(jdk.incubator.vector.VectorOperators.SQRT).div(sqrtBc2).add(eps);
                store(load(bp, i).mul(decay).sub(mv.div(denom).mul(lrOverBc1)), bp, i);
            }
            for (; i < end; i++) {
                float gi = get(bg, i), mi = get(bm, i) * b1 + gi * c1, vi = get(bv, i) * b2 + gi * gi * c2;
                put(bm, i, mi);
                put(bv, i, vi);
                put(bp, i, get(bp, i) * decay - mi / ((float) Math.sqrt(vi) / sqrtBc2 + eps) * lrOverBc1);
            }
        });
    }

    /**
     * Rotary embedding in place on {@code x [N, heads*headDim]} with per-row tables {@code cos, sinSigned} of
     * the same shape (see {@link Rope}): forward {@code x*cos + swap(x)*sinSigned}, backward
     * {@code x*cos + swap(x*sinSigned)}, {@code swap} exchanging the two halves of each head. The same
     * products and sums as the ND4J version, in the same order, so the results are the same bits.
     */
    static void rope(INDArray x, INDArray cos, INDArray sinSigned, int headDim, boolean backward) {
        int rows = Blas.rows(x), w = Blas.cols(x), half = headDim / 2, body = half - half % L;
        ByteBuffer bx = bytes(x), bc = bytes(cos), bs = bytes(sinSigned);
        RangeSplitter.shared().run(rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                for (int h = r * w; h < (r + 1) * w; h += headDim) {
                    for (int i = 0; i < body; i += L) {
                        int lo = h + i, hi = h + half + i;
                        FloatVector a = load(bx, lo), b = load(bx, hi);
                        FloatVector c1 = load(bc, lo), c2 = load(bc, hi), s1 = load(bs, lo), s2 = load(bs, hi);
                        store(a.mul(c1).add(b.mul(backward ? s2 : s1)), bx, lo);
                        store(b.mul(c2).add(a.mul(backward ? s1 : s2)), bx, hi);
                    }
                    for (int i = body; i < half; i++) {
                        int lo = h + i, hi = h + half + i;
                        float a = get(bx, lo), b = get(bx, hi);
                        put(bx, lo, a * get(bc, lo) + b * get(bs, backward ? hi : lo));
                        put(bx, hi, b * get(bc, hi) + a * get(bs, backward ? lo : hi));
                    }
                }
            }
        });
    }
}
