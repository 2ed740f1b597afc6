from .words import count_words, top_words
