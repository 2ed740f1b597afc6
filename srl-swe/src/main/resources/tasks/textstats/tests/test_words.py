import unittest

from textstats import count_words, top_words


class TestCountWords(unittest.TestCase):
    def test_single_spaces(self):
        self.assertEqual(count_words("the quick brown fox"), 4)

    def test_empty(self):
        self.assertEqual(count_words(""), 0)


class TestTopWords(unittest.TestCase):
    def test_most_frequent_first(self):
        self.assertEqual(top_words("b a b c b a", 2), ["b", "a"])


if __name__ == "__main__":
    unittest.main()
