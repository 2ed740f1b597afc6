/**
 * Running agent actions safely: {@link dev.srl.swe.sandbox.SandboxedExecutor} checks that a bubblewrap sandbox can
 * start (and refuses to run anything otherwise), {@link dev.srl.swe.sandbox.Episode} runs {@code bash} commands
 * (one fresh sandbox per command, shell state carried over) and {@code str_replace_editor} actions
 * ({@link dev.srl.swe.sandbox.FileEditor}) against a working copy, with limits, timeouts and capped output.
 */
package dev.srl.swe.sandbox;
