package dev.srl.swe.sandbox;

/**
 * What one sandboxed command did.
 *
 * @param exitCode       the shell's exit status ({@code -1} when the command was killed)
 * @param output         stdout and stderr interleaved, head and tail kept ({@link SandboxConfig#maxOutputChars})
 * @param outputBytes    how many bytes the command printed in all
 * @param timedOut       killed at the timeout
 * @param outputLimitHit killed because it printed more than {@link SandboxConfig#killAfterOutputBytes}
 * @param syntaxError    {@code bash -n} rejected the command, so nothing ran ({@code output} holds bash's message)
 */
public record ExecResult(int exitCode, String output, long outputBytes, boolean timedOut, boolean outputLimitHit,
                         boolean syntaxError) {

    /** Ran to the end with exit status 0. */
    public boolean ok() {
        return exitCode == 0 && !timedOut && !outputLimitHit && !syntaxError;
    }
}
