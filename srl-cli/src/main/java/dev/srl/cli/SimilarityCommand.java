package dev.srl.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.reward.SequenceMatcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code srl similarity}: difflib ratios of string pairs, exactly as CPython computes them. */
@Command(name = "similarity",
        mixinStandardHelpOptions = true,
        description = {
                "Reads JSON lines {\"a\": ..., \"b\": ..., \"autojunk\": true|false} and writes {\"ratio\": r} per line, "
                        + "in order, where r equals Python's difflib.SequenceMatcher(None, a, b, autojunk=...).ratio() "
                        + "bit for bit (strings are compared code point by code point).",
                "\"autojunk\" is optional and defaults to Python's default, true. (The SRL reward, `srl reward`, "
                        + "defaults to false instead.)",
        },
        footer = {
                "",
                "Examples:",
                "  echo '{\"a\": \"x = 3 + 4\", \"b\": \"x = 4 + 3\"}' | srl similarity",
                "  {\"ratio\":0.7777777777777778}",
                "  srl similarity --input pairs.jsonl --output ratios.jsonl",
                "",
                "Bad input (malformed JSON, a missing or non-string \"a\"/\"b\", invalid UTF-8) stops with one line "
                        + "naming the file, line and field, and exit code 2; with --output no file is written.",
        })
final class SimilarityCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "JSONL input (default: standard input)")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "JSONL output, written atomically (default: standard output)")
    Path output;

    @Override
    public Integer call() throws Exception {
        JsonLinesFilter.run(input, output, line -> {
            String a = line.requireText("a");
            String b = line.requireText("b");
            boolean autojunk = line.optBoolean("autojunk", SequenceMatcher.PYTHON_AUTOJUNK);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("ratio", SequenceMatcher.ratio(a, b, autojunk));
            return out;
        });
        return 0;
    }
}
