/**
 * The quickstart: SFT warm-up, SRL and before/after evaluation of a tiny character-level model on the
 * synthetic curriculum, in a few minutes on a CPU ({@link dev.srl.math.quickstart.MathQuickstart}, settings in
 * {@link dev.srl.math.quickstart.QuickstartConfig}, behind {@code srl quickstart}).
 */
package dev.srl.math.quickstart;
