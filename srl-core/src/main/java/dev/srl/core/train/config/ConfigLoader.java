package dev.srl.core.train.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Maps YAML or JSON configuration files onto config records, strictly. The defaults are a record instance
 * (a preset such as {@code GrpoConfig.small()}); the file only lists what differs, and {@code --set key=value}
 * overrides (dotted paths, values written as YAML scalars or flow lists) are applied on top. A field the
 * defaults do not have, a value of the wrong type or a value the record rejects is an
 * {@link IllegalArgumentException} that names the source and the field path, e.g.
 * {@code "srl.yaml: unknown field 'grpo.optimzer' (known: groupSize, promptsPerStep, ...)"}.
 *
 * <pre>{@code
 * GrpoConfig cfg = ConfigLoader.load(Path.of("srl.yaml"), GrpoConfig.class, GrpoConfig.small(),
 *         List.of("optimizer.lr=1e-5", "groupSize=4"));
 * }</pre>
 */
public final class ConfigLoader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();
    private static final ObjectMapper YAML = new YAMLMapper();

    private ConfigLoader() {
    }

    /** Reads {@code file} (YAML, or JSON when it ends in {@code .json}) over {@code defaults}, then applies {@code overrides}. */
    public static <T> T load(Path file, Class<T> type, T defaults, List<String> overrides) throws IOException {
        JsonNode user;
        try {
            user = (file.toString().endsWith(".json") ? MAPPER : YAML).readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid " + (file.toString().endsWith(".json") ? "JSON" : "YAML")
                    + ": " + e.getOriginalMessage());
        }
        return fromTree(user, type, defaults, overrides, file.toString());
    }

    /** {@link #load} for a tree already read; {@code source} names it in errors. A null or missing tree means "defaults". */
    public static <T> T fromTree(JsonNode user, Class<T> type, T defaults, List<String> overrides, String source) {
        JsonNode tree = MAPPER.valueToTree(defaults);
        if (user != null && !user.isNull() && !user.isMissingNode()) {
            if (!user.isObject()) throw new IllegalArgumentException(source + ": the top level must be a mapping of fields");
            merge((ObjectNode) tree, user, "", source);
        }
        for (String o : overrides) applyOverride((ObjectNode) tree, o);
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String at = path(e);
            throw new IllegalArgumentException(source + ": " + (at.isEmpty() ? "" : "in '" + at + "': ") + cause.getMessage(), e);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(source + ": field '" + path(e) + "': " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The resolved tree of a config record, e.g. for writing {@code config.yaml}. */
    public static String toYaml(Object config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void merge(ObjectNode base, JsonNode user, String prefix, String source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            JsonNode known = base.get(e.getKey());
            if (known == null) {
                throw new IllegalArgumentException(source + ": unknown field '" + path + "' (known: " + names(base) + ")");
            }
            if (known.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) known, e.getValue(), path + ".", source);
            } else if (known.isObject() && !e.getValue().isNull()) {
                throw new IllegalArgumentException(source + ": field '" + path + "' must be a mapping (fields " + names(known) + ")");
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    /** Applies {@code a.b.c=value} to the tree. */
    static void applyOverride(ObjectNode tree, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("--set " + override + ": expected key=value, e.g. optimizer.lr=1e-6");
        String key = override.substring(0, eq).trim();
        String raw = override.substring(eq + 1);
        JsonNode value;
        try {
            value = raw.isEmpty() ? MAPPER.getNodeFactory().textNode("") : YAML.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--set " + key + ": cannot read value '" + raw + "': " + e.getOriginalMessage());
        }
        if (value == null || value.isMissingNode()) value = MAPPER.getNodeFactory().nullNode();
        String[] parts = key.split("\\.");
        ObjectNode node = tree;
        StringBuilder at = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (at.length() > 0) at.append('.');
            at.append(parts[i]);
            JsonNode child = node.get(parts[i]);
            if (child == null) {
                throw new IllegalArgumentException("--set " + key + ": unknown field '" + at + "' (known: " + names(node) + ")");
            }
            if (i == parts.length - 1) {
                if (child.isObject() && !value.isObject()) {
                    throw new IllegalArgumentException("--set " + key + ": '" + at + "' is a section; set one of its fields: " + names(child));
                }
                node.set(parts[i], value);
            } else {
                if (!child.isObject()) throw new IllegalArgumentException("--set " + key + ": '" + at + "' is not a section");
                node = (ObjectNode) child;
            }
        }
    }

    private static String names(JsonNode obj) {
        List<String> n = new ArrayList<>();
        obj.fieldNames().forEachRemaining(n::add);
        return String.join(", ", n);
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
