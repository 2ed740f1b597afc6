package dev.srl.swe.sandbox;

/**
 * The outcome of one agent action in an {@link Episode}.
 *
 * @param observation what the agent sees next (SWE-agent's texts: the output, or "Your command ran successfully
 *                    and did not produce any output.", or the editor's message, or an error)
 * @param done        the action was {@code submit}: the observation is the patch and the episode is over
 * @param exec        the raw command result for {@code bash} actions, else {@code null}
 */
public record ActionResult(String observation, boolean done, ExecResult exec) {
}
