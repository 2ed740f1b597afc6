/**
 * Readers of agent trajectory files, each a {@link dev.srl.core.data.TrajectoryFormat} producing core
 * trajectories whose step actions are canonical tool calls: SWE-smith ({@code xml}, {@code tool}, {@code ticks}),
 * SWE-agent {@code .traj}, OpenHands event histories and SWE-Gym messages, and nebius SWE-agent trajectories
 * ({@link dev.srl.swe.format.SweFormats} lists them by command-line name). Evaluation output ({@code eval_logs},
 * {@code test_result}) is never read into steps or metadata.
 */
package dev.srl.swe.format;
