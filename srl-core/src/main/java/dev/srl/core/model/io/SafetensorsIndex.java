package dev.srl.core.model.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.io.DataFormatException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A model split over several safetensors files, as listed by {@code model.safetensors.index.json}:
 * <pre>{"metadata": {"total_size": 123}, "weight_map": {"model.norm.weight": "model-00002-of-00002.safetensors", ...}}</pre>
 * Opening validates the index and every shard it names (each shard with {@link SafetensorsReader}'s rules)
 * and checks that each tensor of the map is in the shard the map names. Shard names must stay inside
 * the index's folder.
 *
 * <pre>{@code
 * try (var model = SafetensorsIndex.open(Path.of("qwen/model.safetensors.index.json"))) {
 *     INDArray w = model.read("model.layers.3.mlp.up_proj.weight", DataType.FLOAT);
 * }
 * }</pre>
 */
public final class SafetensorsIndex implements TensorSource {
    /** The index file of a sharded model. */
    public static final String INDEX_FILE = "model.safetensors.index.json";
    /** The weights file of an unsharded model. */
    public static final String SINGLE_FILE = "model.safetensors";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final Path indexFile;
    private final Map<String, SafetensorsReader> shardOf;
    private final Map<String, SafetensorsReader> shards;
    private final Map<String, String> metadata;

    private SafetensorsIndex(Path indexFile, Map<String, SafetensorsReader> shardOf,
                             Map<String, SafetensorsReader> shards, Map<String, String> metadata) {
        this.indexFile = indexFile;
        this.shardOf = shardOf;
        this.shards = shards;
        this.metadata = metadata;
    }

    /** Opens an index file and all its shards. */
    public static SafetensorsIndex open(Path indexFile) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(indexFile));
        } catch (JsonProcessingException e) {
            throw new DataFormatException(indexFile.toString(), 0, null, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new DataFormatException(indexFile.toString(), 0, null, "not a JSON object");
        JsonNode map = root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new DataFormatException(indexFile.toString(), 0, "weight_map", "missing or not an object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode meta = root.get("metadata");
        if (meta != null && meta.isObject()) {
            meta.fields().forEachRemaining(e -> metadata.put(e.getKey(),
                    e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString()));
        }

        Path dir = indexFile.toAbsolutePath().getParent();
        Map<String, SafetensorsReader> shards = new LinkedHashMap<>();
        Map<String, SafetensorsReader> shardOf = new LinkedHashMap<>();
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String tensor = e.getKey();
                String field = "weight_map." + tensor;
                if (!e.getValue().isTextual()) throw new DataFormatException(indexFile.toString(), 0, field, "not a file name");
                String shardName = e.getValue().textValue();
                Path shardPath = dir.resolve(shardName).normalize();
                if (!shardPath.startsWith(dir)) {
                    throw new DataFormatException(indexFile.toString(), 0, field, "shard '" + shardName + "' lies outside the model folder");
                }
                SafetensorsReader shard = shards.get(shardName);
                if (shard == null) {
                    shard = SafetensorsReader.open(shardPath);
                    shards.put(shardName, shard);
                }
                if (!shard.contains(tensor)) {
                    throw new DataFormatException(shardPath.toString(), 0, null, "tensor '" + tensor
                            + "': listed in " + indexFile.getFileName() + " but not in this shard");
                }
                shardOf.put(tensor, shard);
            }
        } catch (RuntimeException | IOException e) {
            shards.values().forEach(SafetensorsReader::close);
            throw e;
        }
        return new SafetensorsIndex(indexFile, Collections.unmodifiableMap(shardOf),
                Collections.unmodifiableMap(shards), Collections.unmodifiableMap(metadata));
    }

    /** The index file. */
    public Path indexFile() { return indexFile; }

    @Override public Set<String> names() { return shardOf.keySet(); }

    @Override public boolean contains(String name) { return shardOf.containsKey(name); }

    private SafetensorsReader shard(String name) {
        SafetensorsReader r = shardOf.get(name);
        if (r == null) throw new DataFormatException(indexFile.toString(), 0, null, "tensor '" + name + "': not in weight_map");
        return r;
    }

    @Override public TensorInfo info(String name) { return shard(name).info(name); }

    @Override public Path fileOf(String name) { return shard(name).file(); }

    @Override public Map<String, String> metadata() { return metadata; }

    @Override public INDArray read(String name, DataType type) { return shard(name).read(name, type); }

    @Override public float[] readFloats(String name) { return shard(name).readFloats(name); }

    @Override
    public void close() {
        shards.values().forEach(SafetensorsReader::close);
    }
}
