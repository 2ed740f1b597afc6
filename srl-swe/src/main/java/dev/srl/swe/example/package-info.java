/**
 * SRL end to end on the bundled tasks: {@link dev.srl.swe.example.SweSrlPipeline} replays and grades the expert
 * trajectories, builds step-wise instances, warms a tiny model up with SFT, runs SRL (GRPO with
 * {@link dev.srl.swe.reward.ToolCallReward}) and evaluates on a held-out task; {@link dev.srl.swe.example.SweSrlConfig}
 * holds its settings. Used by {@code srl swe-example} and {@code dev.srl.examples.SweSrlExample}.
 */
package dev.srl.swe.example;
