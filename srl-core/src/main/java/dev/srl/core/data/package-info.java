/**
 * Expert trajectories and the SRL step-wise instances cut from them.
 *
 * <p>A {@link dev.srl.core.data.TrajectoryFormat} streams {@link dev.srl.core.data.Trajectory} records from a
 * file (the project's own {@link dev.srl.core.data.SrlTrajectoryFormat}; adapters add s1K, SWE-smith…);
 * {@link dev.srl.core.data.StepwiseBuilder} turns each into {@link dev.srl.core.data.StepwiseInstance}s as
 * {@link dev.srl.core.data.StepwiseOptions} say; {@link dev.srl.core.data.StepwiseInstanceWriter} and
 * {@link dev.srl.core.data.StepwiseInstanceFile} write and read them as JSONL.
 *
 * <pre>{@code
 * var builder = new StepwiseBuilder(StepwiseOptions.math());
 * try (var out = StepwiseInstanceWriter.create(Path.of("steps.jsonl"))) {
 *     new SrlTrajectoryFormat().read(Path.of("trajs.jsonl"), false, t -> {
 *         for (var i : builder.build(t)) {
 *             try { out.write(i); } catch (IOException e) { throw new UncheckedIOException(e); }
 *         }
 *     });
 *     out.commit();
 * }
 * }</pre>
 */
package dev.srl.core.data;
