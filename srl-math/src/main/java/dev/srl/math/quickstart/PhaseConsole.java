package dev.srl.math.quickstart;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The console a training run prints to, thinned out: of its per-step progress lines ("step N/M ...") only every
 * {@code every}-th and the last are passed on, prefixed with the phase's name; other lines pass unchanged.
 */
public final class PhaseConsole extends PrintStream {
    private final PrintStream out;
    private final String phase;
    private final int every;

    public PhaseConsole(PrintStream out, String phase, int every) {
        super(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        this.out = out;
        this.phase = phase;
        this.every = Math.max(1, every);
    }

    @Override
    public void println(String line) {
        if (line.startsWith("step ")) {
            String[] nm = line.substring(5, line.indexOf(' ', 5)).split("/");
            long n = Long.parseLong(nm[0]), m = Long.parseLong(nm[1]);
            if (n % every != 0 && n != m && n != 1) return;
        }
        out.println("  " + phase + " " + line);
    }

    @Override
    public void println(Object line) {
        println(String.valueOf(line));
    }
}
