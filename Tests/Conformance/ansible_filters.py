#!/usr/bin/env python3
"""copier's default filters (jinja2-ansible-filters, in the test venv) against scaffold's: random
nested data of text that needs quoting, runs of spaces, non-ASCII and lines long enough to fold
at PyYAML's 80 columns, through to_yaml, to_nice_yaml, to_json and to_nice_json, and every text
in it through hash, md5, checksum, comment, b64encode, quote, regex_escape, basename, dirname and
splitext, rendered by both; every output must be equal.
Prints `ansible filters: N compared, M differ` and exits non-zero on any difference."""
import argparse
import difflib
import json
import os
import random
import subprocess
import sys
import tempfile

import jinja2
from jinja2_ansible_filters import AnsibleCoreFiltersExtension

WORDS = ["a", "word", "longerword", "x" * 15, "ümlaut", "it's", "q:", "#tag", "-", "yes", "12", "path/to/file",
         "https://example.com/a/b", "日本", "a.b.c", "$HOME", "(x|y)*"]


def text(rng):
    parts = [rng.choice(WORDS) for _ in range(rng.randint(1, 30))]
    return "".join((rng.choice([" ", " ", " ", "  "]) if i else "") + p for i, p in enumerate(parts)).strip()


def value(rng, depth=0):
    r = rng.random()
    if depth > 2 or r < 0.5:
        return text(rng)
    if r < 0.75:
        return {text(rng)[:20] or "k": value(rng, depth + 1) for _ in range(rng.randint(1, 3))}
    return [value(rng, depth + 1) for _ in range(rng.randint(1, 3))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scaffold", required=True)
    parser.add_argument("--seeds", type=int, default=3)
    options = parser.parse_args()
    template = ("{% for c in cases %}{{ c|to_yaml }}@@\n{{ c|to_nice_yaml }}@@\n{{ c|to_json }}@@\n{{ c|to_nice_json }}@@\n"
                "{% endfor %}{% for t in texts %}{{ t|hash }} {{ t|hash('sha256') }} {{ t|md5 }} {{ t|checksum }}@@\n"
                "{{ t|comment }}|{{ t|comment('cblock') }}|{{ t|comment('xml', prefix_count=2) }}@@\n"
                "{{ t|b64encode }} {{ t|quote }} {{ t|regex_escape }}@@\n{{ t|basename }}|{{ t|dirname }}|{{ t|splitext }}@@\n{% endfor %}")
    env = jinja2.Environment(keep_trailing_newline=True, extensions=[AnsibleCoreFiltersExtension])
    compared = differ = 0
    for seed in range(1, options.seeds + 1):
        rng = random.Random(seed)
        cases = [value(rng) for _ in range(200)]
        # Texts for the string filters, some of several lines (comment decorates each).
        texts = [text(rng) for _ in range(80)] + ["\n".join(text(rng) for _ in range(rng.randint(2, 4))) for _ in range(20)]
        with tempfile.TemporaryDirectory() as work:
            with open(os.path.join(work, "t.j2"), "w") as f:
                f.write(template)
            with open(os.path.join(work, "v.json"), "w") as f:
                json.dump({"cases": cases, "texts": texts}, f)
            ours = subprocess.run([options.scaffold, "render", os.path.join(work, "t.j2"), "--values", os.path.join(work, "v.json")],
                                  capture_output=True, text=True, check=True).stdout.split("@@\n")
        theirs = env.from_string(template).render(cases=cases, texts=texts).split("@@\n")
        for a, b in zip(ours, theirs):
            compared += 1
            if a != b:
                differ += 1
                if differ <= 3:
                    print(f"seed {seed}:\n" + "".join(difflib.unified_diff(b.splitlines(True), a.splitlines(True), "ansible", "scaffold")))
    print(f"ansible filters: {compared} compared, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
