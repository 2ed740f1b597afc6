package dev.srl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What a benchmark figure needs to be read: the machine it came from and the software on both sides.
 * Everything is read from {@code /proc}, system properties and the interpreters themselves; what cannot be
 * found reads "unknown" rather than failing the report.
 *
 * <pre>{@code
 * MachineInfo m = MachineInfo.probe("/usr/bin/python3");
 * System.out.println(m.cpu() + ", load " + MachineInfo.loadAverage());
 * }</pre>
 *
 * @param torch PyTorch's version, or null when {@code python} cannot import it
 */
record MachineInfo(String cpu, int cores, String memory, String os, String java, String nd4j, String python, String torch) {

    static MachineInfo probe(String python) {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        if (!mem.equals("unknown")) {
            mem = String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(mem.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
        }
        String os = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME").replace("\"", "");
        os = (os.equals("unknown") ? System.getProperty("os.name") : os) + ", kernel " + System.getProperty("os.version")
                + " " + System.getProperty("os.arch");
        String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        String py = output(List.of(python, "-c", "import platform; print(platform.python_implementation(), platform.python_version())"));
        String torch = output(List.of(python, "-c", "import torch; print(torch.__version__)"));
        return new MachineInfo(cpu, Runtime.getRuntime().availableProcessors(), mem, os, java, nd4jVersion(),
                (py == null ? "not available" : py) + " (" + python + ")", torch);
    }

    /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} prints them. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** ND4J's version from its jar's manifest, else from the jar's file name (nd4j-api-VERSION.jar). */
    private static String nd4jVersion() {
        Package p = org.nd4j.linalg.factory.Nd4j.class.getPackage();
        if (p != null && p.getImplementationVersion() != null) return p.getImplementationVersion();
        try {
            String jar = Path.of(org.nd4j.linalg.factory.Nd4j.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getFileName().toString();
            return jar.replaceFirst("^nd4j-api-", "").replaceFirst("\\.jar$", "");
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                // "model name\t: ..." in /proc, "PRETTY_NAME=..." in os-release: whichever separator comes first
                int colon = line.indexOf(':'), equals = line.indexOf('=');
                int sep = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
                if (sep > 0 && line.substring(0, sep).trim().equals(key)) return line.substring(sep + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable file only makes the header less informative
        }
        return "unknown";
    }

    /** The trimmed standard output (maybe empty) of a command that succeeded within a minute, else null. */
    static String output(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroy();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
