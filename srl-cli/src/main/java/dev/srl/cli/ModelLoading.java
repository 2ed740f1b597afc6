package dev.srl.cli;

import dev.srl.core.io.JsonLine;
import dev.srl.core.model.Transformer;
import dev.srl.core.model.io.ModelFolder;
import dev.srl.core.tokenizer.Tokenizer;
import dev.srl.core.tokenizer.Tokenizers;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.nio.file.Path;

/** Opening a model folder as a {@link Transformer} for the commands that run a model. */
final class ModelLoading {
    private ModelLoading() {
    }

    /** A loaded model and the folder's tokenizer ({@code null} when the folder has no tokenizer.json). */
    record Loaded(ModelFolder folder, Transformer model, Tokenizer tokenizer) {
    }

    static Loaded load(Path dir, String dtype) throws IOException {
        DataType type = switch (dtype) {
            case "float" -> DataType.FLOAT;
            case "double" -> DataType.DOUBLE;
            default -> throw new IllegalArgumentException("--dtype must be float or double, got " + dtype);
        };
        ModelFolder folder = ModelFolder.load(dir, type);
        Tokenizer tok = folder.tokenizerJson() == null ? null : Tokenizers.load(folder.tokenizerJson());
        return new Loaded(folder, new Transformer(folder.config(), folder.weights()), tok);
    }

    /** Refuses token ids outside the model's vocabulary, naming the line and field. */
    static void checkVocabulary(JsonLine line, String field, int[] ids, Transformer m) {
        int v = m.config().vocabSize();
        for (int t : ids) {
            if (t < 0 || t >= v) throw line.error(field, "id " + t + " is outside the vocabulary [0, " + v + ")");
        }
    }
}
