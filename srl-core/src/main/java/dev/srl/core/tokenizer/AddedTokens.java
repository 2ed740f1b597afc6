package dev.srl.core.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds whole tokens such as {@code <|im_start|>} inside text and cuts the text around them. Matching is
 * leftmost-longest, as Hugging Face's Aho-Corasick matcher does: at the first position where any token
 * starts, the longest one wins.
 */
final class AddedTokens {

    /** Receives the pieces of a split text in order. */
    interface Sink {
        /** A run of ordinary text (never empty). */
        void text(String text);

        /** A whole added token. */
        void token(int id);
    }

    private record Entry(String content, int id) {}

    private final Map<Character, Entry[]> byFirstChar = new HashMap<>();

    /** @param tokens token content to id; no content may be empty */
    AddedTokens(Map<String, Integer> tokens) {
        Map<Character, List<Entry>> groups = new HashMap<>();
        tokens.forEach((content, id) -> {
            if (content.isEmpty()) throw new IllegalArgumentException("an added token may not be empty");
            groups.computeIfAbsent(content.charAt(0), c -> new ArrayList<>()).add(new Entry(content, id));
        });
        groups.forEach((c, list) -> {
            list.sort(Comparator.comparingInt((Entry e) -> e.content().length()).reversed());
            byFirstChar.put(c, list.toArray(new Entry[0]));
        });
    }

    boolean isEmpty() {
        return byFirstChar.isEmpty();
    }

    /** Feeds {@code text} to {@code sink} as ordinary runs and whole tokens. */
    void split(String text, Sink sink) {
        if (byFirstChar.isEmpty()) {
            if (!text.isEmpty()) sink.text(text);
            return;
        }
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            Entry[] candidates = byFirstChar.get(text.charAt(i));
            if (candidates == null) continue;
            for (Entry e : candidates) {
                if (text.startsWith(e.content(), i)) {
                    if (i > start) sink.text(text.substring(start, i));
                    sink.token(e.id());
                    start = i + e.content().length();
                    i = start - 1;
                    break;
                }
            }
        }
        if (start < text.length()) sink.text(text.substring(start));
    }
}
