#!/usr/bin/env python3
"""Parse + render benchmark: scaffold's template engine against Jinja2 and MiniJinja.

Scaffolding renders each file once, so every iteration parses and renders from source.
Each engine runs in the same process style (a loop over source -> output), on the same
templates and context, on the same machine, so the ratios are what matters.

    python3 Benchmarks/templates/bench.py --bench .build/release/scaffold-bench
"""
import argparse, json, os, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = ["deployment.yaml.j2", "workflow.yaml.j2", "service.go.j2", "large.txt.j2"]


def per_iteration(fn, min_seconds):
    """Median seconds per call over 5 rounds of at least min_seconds / 5 each."""
    fn()  # warm up (and fail early)
    rounds = []
    for _ in range(5):
        n, start = 0, time.perf_counter()
        while True:
            fn()
            n += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_seconds / 5:
                break
        rounds.append(elapsed / n)
    return statistics.median(rounds)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True, help="path to the scaffold-bench executable")
    ap.add_argument("--seconds", type=float, default=1.0, help="time per template and engine")
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args()

    import jinja2
    import minijinja

    ctx = json.load(open(os.path.join(HERE, "context.json")))
    sources = {t: open(os.path.join(HERE, t)).read() for t in TEMPLATES}

    jenv = jinja2.Environment(keep_trailing_newline=True, undefined=jinja2.StrictUndefined, autoescape=False)
    menv = minijinja.Environment(keep_trailing_newline=True, undefined_behavior="strict")

    ours = json.loads(subprocess.check_output(
        [args.bench, "templates", "--dir", HERE, "--seconds", str(args.seconds)] + TEMPLATES))

    rows = []
    for t in TEMPLATES:
        src = sources[t]
        expected = jenv.from_string(src).render(ctx)
        if ours[t]["output_bytes"] != len(expected.encode()):
            sys.exit(f"{t}: scaffold's output differs from Jinja2's ({ours[t]['output_bytes']} vs {len(expected.encode())} bytes)")
        j = per_iteration(lambda: jenv.from_string(src).render(ctx), args.seconds)
        m = per_iteration(lambda: menv.render_str(src, **ctx), args.seconds)
        s = ours[t]["seconds"]
        rows.append({"template": t, "scaffold_us": s * 1e6, "jinja2_us": j * 1e6, "minijinja_us": m * 1e6,
                     "vs_jinja2": j / s, "vs_minijinja": m / s})

    print(f"{'template':<22}{'scaffold':>12}{'Jinja2':>12}{'MiniJinja':>12}{'x Jinja2':>10}{'x MiniJ.':>10}")
    for r in rows:
        print(f"{r['template']:<22}{r['scaffold_us']:>10.1f}us{r['jinja2_us']:>10.1f}us{r['minijinja_us']:>10.1f}us"
              f"{r['vs_jinja2']:>9.1f}x{r['vs_minijinja']:>9.1f}x")
    if args.json:
        json.dump(rows, open(args.json, "w"), indent=2)


if __name__ == "__main__":
    main()
