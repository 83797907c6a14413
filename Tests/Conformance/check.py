#!/usr/bin/env python3
"""Differential conformance check: renders every case with Jinja2 (the reference, configured
as scaffolding tools configure it) and with scaffold, and compares the bytes.

A case (in cases/*.json, each file a JSON list) is
  {"name", "template", "context", optional "files" {name: source}, optional "options"
   {"trim_blocks": true, "lstrip_blocks": true},
   and Jinja2's result: "expected" (the output) or "error" (the exception class)}.
The recorded result lets `swift test` run every case without Python (ScaffoldTests'
ConformanceCaseTests); this script checks it is still what Jinja2 gives, live.
For error cases both engines must fail. Prints `conformance: N passed, M failed` and exits
non-zero on any failure.

`--record` writes Jinja2's result into every case file (run it after adding cases); a new
case may say `"error": true` before it is recorded, to state that Jinja2 must fail on it.

Our engine is called as `SCAFFOLD render TEMPLATE --values CONTEXT.json [--trim-blocks]
[--lstrip-blocks]`, with TEMPLATE in a temporary folder that also holds the case's files.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import jinja2

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE_NAME = "template.j2"


def render_jinja(case):
    options = case.get("options", {})
    env = jinja2.Environment(
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=options.get("trim_blocks", False),
        lstrip_blocks=options.get("lstrip_blocks", False),
        loader=jinja2.DictLoader(case.get("files", {})),
    )
    try:
        return True, None, env.from_string(case["template"]).render(case.get("context", {})).encode("utf-8")
    except Exception as error:  # any Jinja2 failure counts as "fails"
        return False, type(error).__name__, f"{type(error).__name__}: {error}".encode("utf-8")


def render_ours(case, scaffold):
    options = case.get("options", {})
    workdir = tempfile.mkdtemp(prefix="conformance-")
    try:
        folder = os.path.join(workdir, "t")
        os.makedirs(folder)
        for name, source in case.get("files", {}).items():
            path = os.path.join(folder, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(source)
        template = os.path.join(folder, TEMPLATE_NAME)
        with open(template, "w", encoding="utf-8", newline="") as f:
            f.write(case["template"])
        values = os.path.join(workdir, "values.json")
        with open(values, "w", encoding="utf-8") as f:
            json.dump(case.get("context", {}), f)
        command = [scaffold, "render", template, "--values", values]
        if options.get("trim_blocks"):
            command.append("--trim-blocks")
        if options.get("lstrip_blocks"):
            command.append("--lstrip-blocks")
        try:
            result = subprocess.run(command, capture_output=True, timeout=30)
        except subprocess.TimeoutExpired:
            return False, b"timeout"
        if result.returncode == 0:
            return True, result.stdout
        return False, result.stderr
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def check(case, scaffold):
    """Returns None when the case passes, else a description of the difference."""
    jinja_ok, jinja_class, jinja_out = render_jinja(case)
    expect_error = "error" in case
    if expect_error and jinja_ok:
        return f"case expects an error but Jinja2 rendered {jinja_out!r}"
    if not expect_error and not jinja_ok:
        return f"Jinja2 failed on a case that records no error: {jinja_out.decode()}"
    if expect_error and case["error"] not in (True, jinja_class):
        return f"recorded error {case['error']} is stale: Jinja2 raises {jinja_class} (run --record)"
    if not expect_error and case.get("expected", "").encode("utf-8") != jinja_out:
        return f"recorded output is stale: Jinja2 gives {jinja_out!r} (run --record)"
    ours_ok, ours_out = render_ours(case, scaffold)
    if expect_error:
        return None if not ours_ok else f"Jinja2 fails ({jinja_out.decode()}) but scaffold rendered {ours_out!r}"
    if not ours_ok:
        return f"scaffold failed: {ours_out.decode(errors='replace').strip()}\n    expected {jinja_out!r}"
    if ours_out != jinja_out:
        return f"output differs\n    jinja2:   {jinja_out!r}\n    scaffold: {ours_out!r}"
    return None


def record(paths):
    """Writes Jinja2's result into each case: "expected" output, or the "error" class."""
    for path in paths:
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        cases = json.loads(raw)
        for case in cases:
            ok, error_class, out = render_jinja(case)
            case.pop("expected", None)
            case.pop("error", None)
            if ok:
                case["expected"] = out.decode("utf-8")
            else:
                case["error"] = error_class
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(cases, indent=1, ensure_ascii="\\u" in raw) + "\n")
    print(f"recorded Jinja2's results in {len(paths)} files")


def load_cases(pattern):
    cases = []
    for path in sorted(glob.glob(os.path.join(HERE, "cases", "*.json"))):
        with open(path, encoding="utf-8") as f:
            for case in json.load(f):
                case["_file"] = os.path.basename(path)
                if pattern in case["name"] or pattern in case["_file"]:
                    cases.append(case)
    return cases


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scaffold", default=os.environ.get("SCAFFOLD", "scaffold"),
                        help="the scaffold executable (or a driver with the same `render` arguments)")
    parser.add_argument("-k", dest="pattern", default="", help="only cases whose name or file contains this")
    parser.add_argument("-j", dest="jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--record", action="store_true", help="write Jinja2's results into the case files and stop")
    args = parser.parse_args()
    if args.record:
        record(sorted(glob.glob(os.path.join(HERE, "cases", "*.json"))))
        return
    scaffold = shutil.which(args.scaffold) or os.path.abspath(args.scaffold)

    cases = load_cases(args.pattern)
    names = [c["name"] for c in cases]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    failed = 0
    if duplicates:
        print(f"duplicate case names: {', '.join(duplicates)}")
        failed += len(duplicates)
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda c: check(c, scaffold), cases))
    for case, problem in zip(cases, results):
        if problem is not None:
            failed += 1
            print(f"FAIL {case['_file']}: {case['name']}: {problem}")
    passed = len(cases) - sum(1 for r in results if r is not None)
    print(f"conformance: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
