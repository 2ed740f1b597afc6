/**
 * A synthetic curriculum of multi-step problems (arithmetic, linear equations, word problems) with exact answers
 * and expert traces in the s1K numbered-step layout, deterministic from a seed, with train and test splits that
 * never share a problem.
 */
package dev.srl.math.curriculum;
