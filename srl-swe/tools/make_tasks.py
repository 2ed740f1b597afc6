#!/usr/bin/env python3
"""Writes the bundled SWE task suite under src/main/resources/tasks/.

For each tiny repository: the buggy snapshot (repo files + FILES manifest), and one line of tasks.jsonl with the
gold patch and the test patch computed with git. It also writes trajectories.jsonl, the expert trajectories in the
SWE-smith `xml` layout, with placeholder observations: run
  mvn -pl srl-swe -am test -Dtest=BundledTasksTest -Dsrl.swe.regenerate=true
afterwards to replay them in the sandbox and fill in the real observations and patches.
"""
import json
import os
import pathlib
import shutil
import subprocess
import tempfile

OUT = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/tasks"

TASKS = []


def task(**kw):
    TASKS.append(kw)


task(
    name="textstats",
    instance_id="srl-tasks__textstats-1",
    repo="srl-tasks/textstats",
    files={
        "textstats/__init__.py": 'from .words import count_words, top_words\n',
        "textstats/words.py": '''"""Word statistics for plain text."""


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
''',
        "tests/__init__.py": "",
        "tests/test_words.py": '''import unittest

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
''',
    },
    fix=("textstats/words.py", '    return len(text.split(" "))\n', "    return len(text.split())\n"),
    test_change=("tests/test_words.py", '''        self.assertEqual(count_words(""), 0)
''', '''        self.assertEqual(count_words(""), 0)

    def test_repeated_spaces(self):
        self.assertEqual(count_words("the  quick   brown fox"), 4)

    def test_newlines_and_tabs(self):
        self.assertEqual(count_words("one\\ntwo\\tthree \\n"), 3)
'''),
    test_cmd="python3 -m unittest -v tests.test_words",
    f2p=["tests.test_words.TestCountWords.test_repeated_spaces", "tests.test_words.TestCountWords.test_newlines_and_tabs"],
    p2p=["tests.test_words.TestCountWords.test_single_spaces", "tests.test_words.TestCountWords.test_empty",
         "tests.test_words.TestTopWords.test_most_frequent_first"],
    f2p_as_string=False,
    issue="""count_words() miscounts text with repeated whitespace

`count_words("the  quick brown fox")` returns 5 instead of 4: two spaces in a row are counted as an extra word.
Newlines and tabs are not treated as separators either: `count_words("one\\ntwo")` returns 1.

Expected: any run of whitespace separates words, as `str.split()` without arguments does.""",
    module_file="/testbed/textstats/words.py",
    reproduce='''from textstats import count_words

print(count_words("the  quick brown fox"))
print(count_words("one\\ntwo\\tthree \\n"))
''',
    thoughts=[
        "Let me start by looking at the layout of the repository.",
        "`count_words` is probably in textstats/words.py. Let me read it.",
        "`text.split(\" \")` cuts at every single space, so two spaces in a row give an empty string that is counted as a word, and newlines or tabs are not separators at all. Let me reproduce that first.",
        "Now let me run the script.",
        "Confirmed: 5 words instead of 4 for the doubled space, and 2 instead of 3 because the newline and the tab do not separate words. Splitting without an argument splits on runs of any whitespace and drops empty strings, which is exactly what the issue asks for.",
        "Let me run the reproduction again.",
        "Both counts are right now. Let me make sure the existing tests still pass and remove the script.",
        "The fix is complete and the tests pass. Let me submit.",
    ],
    test_module="tests.test_words",
)

task(
    name="intervals",
    instance_id="srl-tasks__intervals-2",
    repo="srl-tasks/intervals",
    files={
        "intervals.py": '''"""Operations on closed integer intervals given as (start, end) pairs."""


def merge(intervals):
    """Merge overlapping intervals and return them sorted by start."""
    result = []
    for start, end in sorted(intervals):
        if result and start < result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def total_length(intervals):
    """Return the number of integer points covered by the intervals."""
    return sum(end - start + 1 for start, end in merge(intervals))
''',
        "tests/__init__.py": "",
        "tests/test_intervals.py": '''import unittest

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
''',
    },
    fix=("intervals.py", "        if result and start < result[-1][1]:\n", "        if result and start <= result[-1][1]:\n"),
    test_change=("tests/test_intervals.py", '''        self.assertEqual(merge([(5, 6), (1, 2)]), [(1, 2), (5, 6)])
''', '''        self.assertEqual(merge([(5, 6), (1, 2)]), [(1, 2), (5, 6)])

    def test_touching(self):
        self.assertEqual(merge([(3, 5), (1, 3)]), [(1, 5)])
'''),
    test_change2=("tests/test_intervals.py", '''        self.assertEqual(total_length([(1, 2), (5, 6)]), 4)
''', '''        self.assertEqual(total_length([(1, 2), (5, 6)]), 4)

    def test_shared_point_counted_once(self):
        self.assertEqual(total_length([(1, 3), (3, 5)]), 5)
'''),
    test_cmd="python3 -m unittest -v tests.test_intervals",
    f2p=["tests.test_intervals.TestMerge.test_touching", "tests.test_intervals.TestTotalLength.test_shared_point_counted_once"],
    p2p=["tests.test_intervals.TestMerge.test_overlapping", "tests.test_intervals.TestMerge.test_disjoint",
         "tests.test_intervals.TestTotalLength.test_disjoint"],
    f2p_as_string=True,
    issue="""merge() keeps intervals that share an endpoint apart

Intervals are closed, so (1, 3) and (3, 5) overlap at 3 and should become (1, 5).
`merge([(1, 3), (3, 5)])` returns `[(1, 3), (3, 5)]`, and `total_length([(1, 3), (3, 5)])` then counts the point 3 twice: 6 instead of 5.""",
    module_file="/testbed/intervals.py",
    reproduce='''from intervals import merge, total_length

print(merge([(1, 3), (3, 5)]))
print(total_length([(1, 3), (3, 5)]))
''',
    thoughts=[
        "I'll begin by listing the repository.",
        "The code is in intervals.py. Let me read it.",
        "The overlap test is `start < result[-1][1]`: an interval starting exactly where the previous one ends is not merged, although closed intervals share that point. Let me reproduce it.",
        "Running the reproduction script.",
        "As described: the touching intervals stay apart and the length is 6. The comparison must include equality.",
        "Let me check the output again.",
        "Merged, and the length is 5. Now the existing tests, then clean up.",
        "Everything passes. Submitting.",
    ],
    test_module="tests.test_intervals",
)

task(
    name="slugify",
    instance_id="srl-tasks__slugify-3",
    repo="srl-tasks/slugify",
    files={
        "slug.py": '''"""Turn titles into URL slugs."""
import re


def slugify(title, separator="-"):
    """Lower-case ``title`` and join its words with ``separator``."""
    words = re.split(r"[^a-z0-9]", title.lower())
    return separator.join(words)
''',
        "tests/__init__.py": "",
        "tests/test_slug.py": '''import unittest

from slug import slugify


class TestSlugify(unittest.TestCase):
    def test_simple(self):
        self.assertEqual(slugify("Hello World"), "hello-world")

    def test_separator(self):
        self.assertEqual(slugify("Hello World", "_"), "hello_world")


if __name__ == "__main__":
    unittest.main()
''',
    },
    fix=("slug.py", '''    words = re.split(r"[^a-z0-9]", title.lower())
''', '''    words = [w for w in re.split(r"[^a-z0-9]+", title.lower()) if w]
'''),
    test_change=("tests/test_slug.py", '''        self.assertEqual(slugify("Hello World", "_"), "hello_world")
''', '''        self.assertEqual(slugify("Hello World", "_"), "hello_world")

    def test_punctuation(self):
        self.assertEqual(slugify("Hello, World!"), "hello-world")

    def test_surrounding_spaces(self):
        self.assertEqual(slugify("  Spaces  around "), "spaces-around")
'''),
    test_cmd="python3 -m unittest -v tests.test_slug",
    f2p=["tests.test_slug.TestSlugify.test_punctuation", "tests.test_slug.TestSlugify.test_surrounding_spaces"],
    p2p=["tests.test_slug.TestSlugify.test_simple", "tests.test_slug.TestSlugify.test_separator"],
    f2p_as_string=True,
    issue="""slugify() leaves repeated and trailing separators

`slugify("Hello, World!")` gives `hello--world-` instead of `hello-world`, and leading or trailing spaces turn into
separators at the ends of the slug. Every run of characters other than letters and digits should become one separator,
with none at the start or the end.""",
    module_file="/testbed/slug.py",
    reproduce='''from slug import slugify

print(repr(slugify("Hello, World!")))
print(repr(slugify("  Spaces  around ")))
''',
    thoughts=[
        "First, the repository layout.",
        "slug.py holds the function. Let me look at it.",
        "The pattern `[^a-z0-9]` splits at every single non-alphanumeric character, so each extra one produces an empty word and so an extra separator. Let me reproduce it.",
        "Run it.",
        "Reproduced. Splitting on runs of such characters and dropping empty words removes both the doubled and the edge separators.",
        "Check the reproduction again.",
        "The slugs are right. Run the existing tests and remove the script.",
        "Done; submitting the change.",
    ],
    test_module="tests.test_slug",
)

SYSTEM = "You are a helpful assistant that can interact with a computer to solve tasks."
USER = """<uploaded_files>
/testbed
</uploaded_files>
I've uploaded a python code repository in the directory /testbed. Consider the following PR description:

<pr_description>
{issue}
</pr_description>

Can you help me implement the necessary changes to the repository so that the requirements specified in the <pr_description> are met?
I've already taken care of all changes to any of the test files described in the <pr_description>. This means you DON'T have to modify the testing logic or any of the tests in any way!
Your task is to make the minimal changes to non-tests files in the /testbed directory to ensure the <pr_description> is satisfied.
Follow these steps to resolve the issue:
1. Find and read the code relevant to the <pr_description>
2. Create a script to reproduce the error and execute it with `python3 <filename.py>` using the bash tool, to confirm the error
3. Edit the source code of the repo to resolve the issue
4. Rerun your reproduce script and confirm that the error is fixed!
5. Think about edge cases and make sure your fix handles them as well
Your thinking should be thorough and so it's fine if it's very long."""


def call(name, **params):
    s = f"<function={name}>\n"
    for k, v in params.items():
        if k in ("old_str", "new_str", "file_text"):
            s += f"<parameter={k}>\n{v}\n</parameter>\n"
        else:
            s += f"<parameter={k}>{v}</parameter>\n"
    return s + "</function>"


def git(cwd, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="srl", GIT_AUTHOR_EMAIL="srl@localhost", GIT_COMMITTER_NAME="srl",
               GIT_COMMITTER_EMAIL="srl@localhost", GIT_AUTHOR_DATE="2025-01-01T00:00:00Z",
               GIT_COMMITTER_DATE="2025-01-01T00:00:00Z", GIT_CONFIG_NOSYSTEM="1", HOME=str(cwd))
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def diff_after(files, changes):
    with tempfile.TemporaryDirectory() as d:
        d = pathlib.Path(d)
        for p, c in files.items():
            (d / p).parent.mkdir(parents=True, exist_ok=True)
            (d / p).write_text(c)
        git(d, "init", "-q")
        git(d, "add", "-A")
        git(d, "commit", "-qm", "base")
        for path, old, new in changes:
            text = (d / path).read_text()
            assert text.count(old) == 1, (path, old)
            (d / path).write_text(text.replace(old, new))
        return git(d, "diff")


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    task_lines, traj_lines = [], []
    for t in TASKS:
        base = OUT / t["name"]
        for p, c in t["files"].items():
            (base / p).parent.mkdir(parents=True, exist_ok=True)
            (base / p).write_text(c)
        (base / "FILES").write_text("".join(p + "\n" for p in sorted(t["files"])))
        test_changes = [t["test_change"]] + ([t["test_change2"]] if "test_change2" in t else [])
        f2p = json.dumps(t["f2p"]) if t["f2p_as_string"] else t["f2p"]
        p2p = json.dumps(t["p2p"]) if t["f2p_as_string"] else t["p2p"]
        task_lines.append(json.dumps({
            "instance_id": t["instance_id"], "repo": t["repo"], "base_commit": "",
            "patch": diff_after(t["files"], [t["fix"]]), "test_patch": diff_after(t["files"], test_changes),
            "problem_statement": t["issue"], "hints_text": "", "FAIL_TO_PASS": f2p, "PASS_TO_PASS": p2p,
            "test_cmd": t["test_cmd"], "log_parser": "unittest", "repo_path": t["name"]}))
        path, old, new = t["fix"]
        th = t["thoughts"]
        actions = [
            call("str_replace_editor", command="view", path="/testbed"),
            call("str_replace_editor", command="view", path=t["module_file"]),
            call("str_replace_editor", command="create", path="/testbed/reproduce.py", file_text=t["reproduce"].rstrip("\n")),
            call("bash", command="cd /testbed && python3 reproduce.py"),
            call("str_replace_editor", command="str_replace", path="/testbed/" + path, old_str=old.rstrip("\n"), new_str=new.rstrip("\n")),
            call("bash", command="cd /testbed && python3 reproduce.py"),
            call("bash", command=f"cd /testbed && python3 -m unittest {t['test_module']} 2>&1 | tail -n 1 && rm reproduce.py"),
            call("submit"),
        ]
        messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": USER.format(issue=t["issue"])}]
        for thought, action in zip(th, actions):
            messages.append({"role": "assistant", "content": thought + "\n\n" + action})
            messages.append({"role": "user", "content": "OBSERVATION:\n(to be filled by replay)"})
        traj_lines.append(json.dumps({"instance_id": t["instance_id"], "traj_id": t["instance_id"] + ".expert",
                                      "model": "hand-written expert", "resolved": True,
                                      "messages": json.dumps(messages), "patch": ""}))
    (OUT / "tasks.jsonl").write_text("\n".join(task_lines) + "\n")
    (OUT / "trajectories.jsonl").write_text("\n".join(traj_lines) + "\n")


if __name__ == "__main__":
    main()
