"""Word statistics for plain text."""


def count_words(text):
    """Return the number of words in ``text``."""
    if not text:
        return 0
    return len(text.split(" "))


def top_words(text, n=3):
    """Return the ``n`` most frequent words, most frequent first (ties in order of first use)."""
    counts = {}
    for word in text.lower().split():
        counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: -counts[w])[:n]
