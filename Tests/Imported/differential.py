#!/usr/bin/env python3
"""Differential test of imported templates: every fixture template under cookiecutter/ and
copier/, with every answer set of that folder's answer-sets.json, rendered by the tool itself
(cookiecutter and copier from PyPI, in the test venv) and by `scaffold new TEMPLATE --no-input
--set ...`. The trees must be identical: the same paths, bytes and executable bits (scaffold's
own `.scaffold.yaml` aside). An answer set with `"_expect": "error"` must fail in both. Templates
with hooks or tasks run them: cookiecutter by default, copier and scaffold with `--trust`.

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


def run_copier(template, answers, out, home):
    args = [os.path.join(os.path.dirname(sys.executable), "copier"), "copy", "--defaults", "--quiet", "--trust", template,
            os.path.join(out, "project")]
    for k, v in answers.items():
        args += ["--data", f"{k}={v}"]
    subprocess.run(args, check=True, env=dict(os.environ, HOME=home), capture_output=True)
    return only_folder(out)


def runs_code(template):
    """Whether the template has hooks or tasks (which scaffold runs only with --trust)."""
    if os.path.isdir(os.path.join(template, "hooks")):
        return True
    config = os.path.join(template, "copier.yml")
    return os.path.exists(config) and "_tasks:" in open(config, encoding="utf-8").read()


def run_scaffold(scaffold, tool, template, answers, out):
    args = [scaffold, "new", template, "--no-input"] + (["--trust"] if runs_code(template) else [])
    if tool == "copier":
        args += ["--output", "project"]  # copier copy SRC DEST: the same destination name
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
            problems.append(f"content of {path} differs:\n--- the tool\n{a[path][0]!r}\n--- scaffold\n{b[path][0]!r}")
        elif a[path][1] != b[path][1]:
            problems.append(f"mode of {path} differs (executable: the tool {a[path][1]}, scaffold {b[path][1]})")
    if os.path.basename(theirs) != os.path.basename(ours):
        problems.append(f"folder name: the tool {os.path.basename(theirs)}, scaffold {os.path.basename(ours)}")
    return problems


def check(tool, run_tool, scaffold, template, answers):
    """The problems with one answer set: differences, or a failure where none (or both) was due."""
    answers = dict(answers)
    expect_error = answers.pop("_expect", None) == "error"
    work = tempfile.mkdtemp(prefix="imported-")
    try:
        for sub in ("theirs", "ours", "home"):
            os.makedirs(os.path.join(work, sub))
        runs = (lambda: run_tool(template, answers, os.path.join(work, "theirs"), os.path.join(work, "home")),
                lambda: run_scaffold(scaffold, tool, template, answers, os.path.join(work, "ours")))
        outcomes = []
        for run in runs:
            try:
                outcomes.append(run())
            except subprocess.CalledProcessError as error:
                outcomes.append(error)
        failures = [o for o in outcomes if isinstance(o, subprocess.CalledProcessError)]
        if expect_error:
            problems = [f"{name} did not fail" for name, o in zip((tool, "scaffold"), outcomes)
                        if not isinstance(o, subprocess.CalledProcessError)]
            if isinstance(outcomes[1], subprocess.CalledProcessError) and outcomes[1].returncode != 2:
                problems.append(f"scaffold exited {outcomes[1].returncode}, not 2")
            return problems
        if failures:
            return [f"{e.cmd[0]} failed: {e.stderr.decode(errors='replace')}" for e in failures]
        return compare(outcomes[0], outcomes[1])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scaffold", required=True)
    options = parser.parse_args()
    scaffold = os.path.abspath(options.scaffold)
    passed = failed = 0
    for tool, run_tool in (("cookiecutter", run_cookiecutter), ("copier", run_copier)):
        with open(os.path.join(HERE, tool, "answer-sets.json")) as f:
            answer_sets = json.load(f)
        for name, sets in sorted(answer_sets.items()):
            for index, answers in enumerate(sets):
                problems = check(tool, run_tool, scaffold, os.path.join(HERE, tool, name), answers)
                if problems:
                    failed += 1
                    print(f"FAIL {tool} {name} answers #{index} {json.dumps(answers, ensure_ascii=False)}")
                    for problem in problems:
                        print("  " + problem)
                else:
                    passed += 1
    print(f"imported: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
