#!/usr/bin/env python3
"""Differential test of imported templates: every fixture template under cookiecutter/, with
every answer set of cookiecutter/answer-sets.json, rendered by cookiecutter itself (from PyPI,
in the test venv) and by `scaffold new TEMPLATE --no-input --set ...`. The trees must be
identical: the same paths, bytes and executable bits (scaffold's own `.scaffold.yaml` aside).

Run by `make test`. Prints `imported: N passed, M failed` and exits non-zero on any failure.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def tree(root):
    """{relative path: (bytes, executable)} of every file under root; .git and .scaffold.yaml left out."""
    files = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in names:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root)
            if relative == ".scaffold.yaml":
                continue
            with open(path, "rb") as f:
                files[relative] = (f.read(), os.access(path, os.X_OK))
    return files


def only_folder(parent):
    entries = os.listdir(parent)
    if len(entries) != 1:
        raise RuntimeError(f"expected one project folder in {parent}, found {entries}")
    return os.path.join(parent, entries[0])


def run_cookiecutter(template, answers, out, home):
    args = [os.path.join(os.path.dirname(sys.executable), "cookiecutter"), "--no-input", "-o", out, template]
    args += [f"{k}={v}" for k, v in answers.items()]
    env = dict(os.environ, HOME=home)
    subprocess.run(args, check=True, env=env, capture_output=True)
    return only_folder(out)


def run_scaffold(scaffold, template, answers, out):
    args = [scaffold, "new", template, "--no-input"]
    for k, v in answers.items():
        args += ["--set", f"{k}={v}"]
    subprocess.run(args, check=True, cwd=out, capture_output=True)
    return only_folder(out)


def compare(theirs, ours):
    a, b = tree(theirs), tree(ours)
    problems = []
    for path in sorted(set(a) | set(b)):
        if path not in b:
            problems.append(f"missing {path}")
        elif path not in a:
            problems.append(f"extra {path}")
        elif a[path][0] != b[path][0]:
            problems.append(f"content of {path} differs:\n--- cookiecutter\n{a[path][0]!r}\n--- scaffold\n{b[path][0]!r}")
        elif a[path][1] != b[path][1]:
            problems.append(f"mode of {path} differs (executable: cookiecutter {a[path][1]}, scaffold {b[path][1]})")
    if os.path.basename(theirs) != os.path.basename(ours):
        problems.append(f"folder name: cookiecutter {os.path.basename(theirs)}, scaffold {os.path.basename(ours)}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scaffold", required=True)
    options = parser.parse_args()
    scaffold = os.path.abspath(options.scaffold)
    with open(os.path.join(HERE, "cookiecutter", "answer-sets.json")) as f:
        answer_sets = json.load(f)
    passed = failed = 0
    for name, sets in sorted(answer_sets.items()):
        template = os.path.join(HERE, "cookiecutter", name)
        for index, answers in enumerate(sets):
            work = tempfile.mkdtemp(prefix="imported-")
            try:
                for sub in ("theirs", "ours", "home"):
                    os.makedirs(os.path.join(work, sub))
                theirs = run_cookiecutter(template, answers, os.path.join(work, "theirs"), os.path.join(work, "home"))
                ours = run_scaffold(scaffold, template, answers, os.path.join(work, "ours"))
                problems = compare(theirs, ours)
            except subprocess.CalledProcessError as error:
                problems = [f"{error.cmd[0]} failed: {error.stderr.decode(errors='replace')}"]
            finally:
                shutil.rmtree(work, ignore_errors=True)
            if problems:
                failed += 1
                print(f"FAIL {name} answers #{index} {json.dumps(answers, ensure_ascii=False)}")
                for problem in problems:
                    print("  " + problem)
            else:
                passed += 1
    print(f"imported: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
