/** The SRL step reward for agent actions: {@link dev.srl.swe.reward.ToolCallReward}. */
package dev.srl.swe.reward;
