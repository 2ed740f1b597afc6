/**
 * The s1K / s1K-1.1 reader ({@code --format s1k}): question as task, the DeepSeek-R1 attempt (or another column)
 * as steps, every other column kept in the metadata.
 */
package dev.srl.math.s1k;
