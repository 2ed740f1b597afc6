/**
 * Canonical agent actions: one string form for every tool call, whatever agent format it came from.
 *
 * <p>{@link dev.srl.swe.action.ToolCall} is the structured call; {@link dev.srl.swe.action.CanonicalAction}
 * renders and parses SWE-agent's XML form ({@code <function=NAME>\n<parameter=KEY>VALUE</parameter>\n</function>});
 * {@link dev.srl.swe.action.ToolNames} fixes aliases and parameter orders; {@link dev.srl.swe.action.CommandLineAction}
 * reads SWE-agent command strings ({@code str_replace_editor view /path}, plain shell);
 * {@link dev.srl.swe.action.ObservationPolicy} cuts long tool outputs to head and tail.
 */
package dev.srl.swe.action;
