package dev.srl.core.model.io;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Named tensors stored in safetensors: one file ({@link SafetensorsReader}) or the shards of a model
 * listed by {@code model.safetensors.index.json} ({@link SafetensorsIndex}). Tensors are read one at a time,
 * so a model never needs its file in memory twice.
 *
 * <pre>{@code
 * try (TensorSource src = TensorSource.open(Path.of("models/qwen"))) {
 *     INDArray emb = src.read("model.embed_tokens.weight", DataType.FLOAT);   // BF16 on disk → float
 * }
 * }</pre>
 */
public interface TensorSource extends Closeable {

    /** Names of all tensors, in file order. */
    Set<String> names();

    /** Whether a tensor of this name exists. */
    default boolean contains(String name) { return names().contains(name); }

    /** The header entry of a tensor; an error naming the file(s) and the tensor if there is none. */
    TensorInfo info(String name);

    /** The file that holds a tensor, for messages. */
    Path fileOf(String name);

    /** Free-form {@code __metadata__} (for an index: its {@code metadata} object, values as strings). */
    Map<String, String> metadata();

    /**
     * Reads a tensor into a new C-order array of {@code type} ({@link DataType#FLOAT} or
     * {@link DataType#DOUBLE}); F16/BF16/F32 values are widened exactly, F64 values narrowed to float if asked.
     */
    INDArray read(String name, DataType type);

    /** Reads a tensor as DOUBLE if it is F64 on disk, FLOAT otherwise. */
    default INDArray read(String name) {
        return read(name, info(name).dtype() == SafetensorsDtype.F64 ? DataType.DOUBLE : DataType.FLOAT);
    }

    /** Reads every tensor, in file order, each as {@link #read(String)} does (e.g. optimizer state). */
    default Map<String, INDArray> readAll() {
        Map<String, INDArray> out = new java.util.LinkedHashMap<>();
        for (String name : names()) out.put(name, read(name));
        return out;
    }

    /** Reads a tensor into a float array (row-major); the shape is {@code info(name).shape()}. */
    float[] readFloats(String name);

    @Override
    void close();

    /**
     * Opens a {@code .safetensors} file, or a model folder: its {@code model.safetensors.index.json} if
     * present, else its {@code model.safetensors}.
     */
    static TensorSource open(Path fileOrFolder) throws IOException {
        if (!Files.isDirectory(fileOrFolder)) return SafetensorsReader.open(fileOrFolder);
        Path index = fileOrFolder.resolve(SafetensorsIndex.INDEX_FILE);
        if (Files.isRegularFile(index)) return SafetensorsIndex.open(index);
        Path single = fileOrFolder.resolve(SafetensorsIndex.SINGLE_FILE);
        if (Files.isRegularFile(single)) return SafetensorsReader.open(single);
        throw new java.nio.file.NoSuchFileException(fileOrFolder + ": no " + SafetensorsIndex.SINGLE_FILE
                + " or " + SafetensorsIndex.INDEX_FILE);
    }
}
