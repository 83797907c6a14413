#!/usr/bin/env python3
"""Differential fuzzing against Jinja2: random templates, rendered by both engines.

The hand-written cases in cases/ pin what we thought of; these generators cover combinations
nobody writes by hand: operators without parentheses (precedence), filters, tests and methods
on every kind of value, macros called every way (positional, keyword, defaults, varargs, kwargs,
call blocks), and the case filters on mixed ASCII/Unicode strings. Each case is judged as in
check.py: byte-identical output, or both engines failing.

    python3 Tests/Conformance/fuzz.py --scaffold .build/debug/scaffold [--seed N] [--count N]

The seed is fixed by default, so CI runs the same cases every time; pass another to explore.
Prints `fuzz: N cases, M differences` and exits non-zero on any difference.
"""
import argparse
import concurrent.futures
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check  # noqa: E402  (render_jinja, render_ours, check)

CONTEXT = {"i": 7, "j": -3, "z": 0, "f": 2.5, "g": -0.1, "s": "Hello World", "t": "a,b,,c", "u": "héllo",
           "e": "", "l": [3, 1, 2], "m": ["b", "A", "c"], "n": None, "b": True,
           "d": {"a": 1, "b": "x", "c": [1, 2]},
           "ds": [{"k": "x", "v": 2}, {"k": "y", "v": 1}, {"k": "x", "v": 3}]}
ATOMS = ["i", "j", "z", "f", "g", "s", "t", "u", "e", "l", "m", "n", "b", "d", "ds", "1", "0", "-2", "3.5",
         "1e3", "'ab'", "'A b-c'", "''", "[1, 2]", "[]", "(1, 'x')", "{'k': 1}", "none", "true", "false",
         "d.a", "d['b']", "l[0]", "l[-1]", "s[1:4]", "l[::-1]", "ds[0].k", "missing", "d.missing"]
BINARY = ["+", "-", "*", "/", "//", "%", "~", "==", "!=", "<", ">", "<=", ">=", "in", "not in", "and", "or"]
FILTERS = ["upper", "lower", "title", "capitalize", "trim", "length", "first", "last", "reverse|list", "sort",
           "unique|list", "join(',')", "join", "string", "int", "float", "abs", "round", "round(1)",
           "default('D')", "list", "sum", "min", "max", "tojson", "center(9)", "indent(2)", "truncate(5)",
           "wordcount", "replace('l', 'L')", "batch(2)|list", "dictsort", "items|list", "map('upper')|list",
           "select|list", "reject('odd')|list", "count", "format(1)", "sort(reverse=true)", "wordwrap(5)",
           "selectattr('v', 'gt', 1)|list", "map(attribute='k')|list", "groupby('k')|list", "sum(attribute='v')"]
TESTS = ["defined", "undefined", "none", "number", "string", "mapping", "sequence", "iterable", "odd", "even",
         "divisibleby 2", "eq 1", "lower", "upper", "boolean", "integer", "float", "in [1, 2]", "sameas none"]
METHODS = ["lower()", "upper()", "split()", "split(',')", "strip()", "replace('l', '')", "startswith('H')",
           "find('o')", "count('l')", "title()", "capitalize()", "isdigit()", "zfill(5)", "rsplit(',', 1)",
           "items()|list", "keys()|list", "get('a')", "get('q', 5)", "index(1)"]


def expression(rng, depth=0):
    r = rng.random()
    if depth > 2 or r < 0.3:
        return rng.choice(ATOMS)
    if r < 0.5:
        fmt = "(%s %s %s)" if rng.random() < 0.3 else "%s %s %s"
        return fmt % (expression(rng, depth + 1), rng.choice(BINARY), expression(rng, depth + 1))
    if r < 0.7:
        return "%s|%s" % (expression(rng, depth + 1), rng.choice(FILTERS))
    if r < 0.78:
        return "(%s is %s%s)" % (expression(rng, depth + 1), rng.choice(["", "not "]), rng.choice(TESTS))
    if r < 0.88:
        return "%s.%s" % (rng.choice(["s", "t", "u", "e", "d", "l", "'x,y'", "m"]), rng.choice(METHODS))
    if r < 0.94:
        return rng.choice(["(%s if %s else %s)", "%s if %s else %s"]) % tuple(expression(rng, depth + 1) for _ in range(3))
    return rng.choice(["not %s", "-%s", "- %s|abs"]) % expression(rng, depth + 1)


def expression_case(rng):
    if rng.random() < 0.8:
        return "{{ %s }}" % expression(rng)
    return "{%% for x in %s %%}[{{ x }}{{ loop.index }}]{%% else %%}E{%% endfor %%}" % expression(rng)


def macro_case(rng):
    parts = ["{{ a }}", "{{ b }}", "{{ c|default('d') }}", "{{ varargs|length }}", "{{ kwargs|dictsort }}",
             "{{ caller() if caller is defined else '-' }}", "[{{ a ~ b }}]",
             "{% for i in range(2) %}{{ i }}{{ a }}{% endfor %}", "{{ inner(a) }}", "x"]
    params = rng.choice(["a, b", "a, b=2", "a=1, b='q'", "a, b, c=3"])
    template = "{% macro inner(v) %}<{{ v }}>{% endmacro %}"
    template += "{%% macro m(%s) %%}%s{%% endmacro %%}" % (params, "".join(rng.sample(parts, rng.randint(1, 4))))
    calls = []
    for _ in range(3):
        args = rng.choice(["1, 2", "'x', 'y'", "1", "a=5, b=6", "1, b=7", "1, 2, 3", "1, 2, 3, 4", "1, 2, z=9",
                           "b=1, a=2", ""])
        form = rng.choice(["{{ m(%s) }}", "{{ m(%s) ~ '!' }}", "{%% set r = m(%s) %%}({{ r }})",
                           "{%% call m(%s) %%}C{%% endcall %%}", "{%% for k in [1, 2] %%}{{ m(%s) }}{%% endfor %%}",
                           "{{ m(%s)|upper }}"])
        calls.append(form % args)
    return template + "|".join(calls)


def string_case(rng):
    alphabet = list("aAbB zZ'-_.1\tß€éÉǅ😀x([{<\x1c\n")
    value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
    sub = rng.choice(["a", "ab", " ", "é", "😀", "'", "Z"])
    return ("{{ v|capitalize }}|{{ v|title }}|{{ v|lower }}|{{ v|upper }}|{{ v.title() }}|{{ v|tojson }}|"
            "{{ v|replace(s, '<' ~ s ~ '>') }}|{{ v.replace(s, '', 1) }}|{{ v|wordcount }}"), {"v": value, "s": sub}


def generate(seed, count):
    rng = random.Random(seed)
    cases = []
    for kind, make in [("expression", expression_case), ("macro", macro_case), ("string", string_case)]:
        for n in range(count):
            made = make(rng)
            template, context = made if isinstance(made, tuple) else (made, CONTEXT)
            cases.append({"name": f"{kind} {n}", "template": template, "context": context})
    return cases


def judge(case, scaffold):
    """None when both engines agree: the same bytes, or both fail."""
    jinja_ok, _, jinja_out = check.render_jinja(case)
    ours_ok, ours_out = check.render_ours(case, scaffold)
    if jinja_ok != ours_ok:
        return f"Jinja2 {'rendered' if jinja_ok else 'failed'}: {jinja_out!r}\n    scaffold {'rendered' if ours_ok else 'failed'}: {ours_out!r}"
    if jinja_ok and jinja_out != ours_out:
        return f"output differs\n    jinja2:   {jinja_out!r}\n    scaffold: {ours_out!r}"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scaffold", default=os.environ.get("SCAFFOLD", "scaffold"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--count", type=int, default=200, help="cases per generator")
    parser.add_argument("-j", dest="jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    scaffold = shutil.which(args.scaffold) or os.path.abspath(args.scaffold)
    cases = generate(args.seed, args.count)
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda c: judge(c, scaffold), cases))
    differences = [(c, r) for c, r in zip(cases, results) if r is not None]
    for case, problem in differences[:20]:
        print(f"DIFF {case['name']} (seed {args.seed}): {case['template']!r}\n    {problem}")
    print(f"fuzz: {len(cases)} cases, {len(differences)} differences")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
