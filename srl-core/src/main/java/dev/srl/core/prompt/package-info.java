/**
 * Prompts for the policy: a step-wise instance (SRL) or a whole problem (RLVR, evaluation) rendered as chat
 * messages and as plain text, from a {@link dev.srl.core.prompt.PromptTemplate} (the paper's prompts are
 * built in) and a pluggable {@link dev.srl.core.prompt.StepFormat}. Turning messages into tokens (the ChatML
 * template) belongs to the tokenizer.
 *
 * <pre>{@code
 * List<ChatMessage> msgs = PromptRenderer.mathSteps().render(instance).messages();
 * }</pre>
 */
package dev.srl.core.prompt;
