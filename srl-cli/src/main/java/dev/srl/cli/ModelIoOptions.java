package dev.srl.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options of the commands that run a model folder over JSON lines ({@code logprobs}, {@code generate}). */
final class ModelIoOptions {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "model folder (config.json, model.safetensors, and tokenizer.json for text)")
    Path model;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "JSONL input (default: standard input)")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "JSONL output, written atomically (default: standard output)")
    Path output;

    @Option(names = "--dtype", defaultValue = "float", paramLabel = "TYPE", description = "float or double arithmetic (default: ${DEFAULT-VALUE})")
    String dtype;
}
