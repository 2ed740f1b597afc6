/** Benchmark files (AIME 2024/2025, AMC 2023, MATH-500, Minerva Math) read into one record type. */
package dev.srl.math.bench;
