package dev.srl.core.train.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named arrays in the safetensors layout (8-byte little-endian header length, a JSON header of
 * {@code dtype}/{@code shape}/{@code data_offsets}, then raw little-endian data), for the F32, F64, I32 and I64
 * arrays of checkpoints ({@code model.safetensors}, {@code optimizer.safetensors}). Arrays keep their dtype, so a
 * double-precision model round-trips bit for bit.
 *
 * <p>This small reader/writer serves the trainers' checkpoints; the model-io package has the general
 * safetensors reader (BF16/F16 widening, memory mapping) for Hugging Face model folders.
 *
 * <pre>{@code
 * TensorFiles.write(dir.resolve("optimizer.safetensors"), optimizer.state());
 * optimizer.loadState(TensorFiles.read(dir.resolve("optimizer.safetensors")));
 * }</pre>
 */
public final class TensorFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TensorFiles() {
    }

    public static void write(Path file, Map<String, INDArray> arrays) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        long offset = 0;
        List<byte[]> blobs = new java.util.ArrayList<>();
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            INDArray a = e.getValue();
            byte[] bytes = bytesOf(a, e.getKey());
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", codeOf(a.dataType(), e.getKey()));
            info.put("shape", a.shape());
            info.put("data_offsets", new long[] {offset, offset + bytes.length});
            header.put(e.getKey(), info);
            blobs.add(bytes);
            offset += bytes.length;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] head = new byte[padded];
        java.util.Arrays.fill(head, (byte) ' ');
        System.arraycopy(json, 0, head, 0, json.length);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(head);
            for (byte[] b : blobs) out.write(b);
        }
    }

    public static Map<String, INDArray> read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 8) throw new IOException(file + ": too short for a safetensors file");
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong();
        if (n < 2 || 8 + n > all.length) throw new IOException(file + ": bad header length " + n);
        JsonNode header = JSON.readTree(new String(all, 8, (int) n, StandardCharsets.UTF_8));
        int base = 8 + (int) n;
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) continue;
            JsonNode info = e.getValue();
            long[] shape = new long[info.get("shape").size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) { shape[i] = info.get("shape").get(i).asLong(); count *= shape[i]; }
            int start = base + info.get("data_offsets").get(0).asInt();
            int end = base + info.get("data_offsets").get(1).asInt();
            ByteBuffer b = ByteBuffer.wrap(all, start, end - start).order(ByteOrder.LITTLE_ENDIAN);
            String dtype = info.get("dtype").asText();
            INDArray a;
            switch (dtype) {
                case "F64" -> { double[] v = new double[(int) count]; b.asDoubleBuffer().get(v); a = Nd4j.createFromArray(v); }
                case "F32" -> { float[] v = new float[(int) count]; b.asFloatBuffer().get(v); a = Nd4j.createFromArray(v); }
                case "I64" -> { long[] v = new long[(int) count]; b.asLongBuffer().get(v); a = Nd4j.createFromArray(v); }
                case "I32" -> { int[] v = new int[(int) count]; b.asIntBuffer().get(v); a = Nd4j.createFromArray(v); }
                default -> throw new IOException(file + ": tensor " + e.getKey() + " has unsupported dtype " + dtype);
            }
            out.put(e.getKey(), shape.length == 0 ? a.reshape() : a.reshape(shape));
        }
        return out;
    }

    private static String codeOf(DataType t, String name) {
        return switch (t) {
            case DOUBLE -> "F64";
            case FLOAT -> "F32";
            case LONG -> "I64";
            case INT -> "I32";
            default -> throw new IllegalArgumentException("tensor " + name + " has dtype " + t + ", which checkpoints do not store");
        };
    }

    private static byte[] bytesOf(INDArray a, String name) {
        INDArray flat = Nd4j.toFlattened('c', a);
        int n = (int) flat.length();
        ByteBuffer b;
        switch (a.dataType()) {
            case DOUBLE -> { b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN); b.asDoubleBuffer().put(flat.toDoubleVector()); }
            case FLOAT -> { b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN); b.asFloatBuffer().put(flat.toFloatVector()); }
            case LONG -> { b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN); b.asLongBuffer().put(flat.toLongVector()); }
            case INT -> { b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN); b.asIntBuffer().put(flat.toIntVector()); }
            default -> throw new IllegalArgumentException("tensor " + name + " has dtype " + a.dataType() + ", which checkpoints do not store");
        }
        return b.array();
    }
}
