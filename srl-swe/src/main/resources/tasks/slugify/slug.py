"""Turn titles into URL slugs."""
import re


def slugify(title, separator="-"):
    """Lower-case ``title`` and join its words with ``separator``."""
    words = re.split(r"[^a-z0-9]", title.lower())
    return separator.join(words)
