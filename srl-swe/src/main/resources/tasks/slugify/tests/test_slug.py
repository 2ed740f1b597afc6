import unittest

from slug import slugify


class TestSlugify(unittest.TestCase):
    def test_simple(self):
        self.assertEqual(slugify("Hello World"), "hello-world")

    def test_separator(self):
        self.assertEqual(slugify("Hello World", "_"), "hello_world")


if __name__ == "__main__":
    unittest.main()
