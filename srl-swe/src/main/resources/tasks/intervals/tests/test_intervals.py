import unittest

from intervals import merge, total_length


class TestMerge(unittest.TestCase):
    def test_overlapping(self):
        self.assertEqual(merge([(1, 4), (2, 6)]), [(1, 6)])

    def test_disjoint(self):
        self.assertEqual(merge([(5, 6), (1, 2)]), [(1, 2), (5, 6)])


class TestTotalLength(unittest.TestCase):
    def test_disjoint(self):
        self.assertEqual(total_length([(1, 2), (5, 6)]), 4)


if __name__ == "__main__":
    unittest.main()
