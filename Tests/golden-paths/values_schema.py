#!/usr/bin/env python3
"""`scaffold params --json-schema` checked against JSON Schema itself (the jsonschema package of
check-jsonschema, in the test venv): for every shipped golden path version the schema is valid
draft 2020-12, accepts the version's own test values, and gives scaffold's own verdict on invalid
values files (`scaffold preview --values FILE` refusing them with exit 2).
Prints `values schema: N verdicts agree, M differ` and exits non-zero on any difference."""
import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile

import jsonschema
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, "..", "..", "golden-paths")

# Changes that break a values file, each applied to a version's first test values, and the
# parameter a version must have for the change to mean something (None: any version).
BREAKAGES = [
    ("an unknown key", None, lambda v: v.update(unknown_key="x")),
    ("a name that is no DNS label", "name", lambda v: v.update(name="Not_A_Label")),
    ("a port as text", "port", lambda v: v.update(port="eighty")),
    ("a port out of range", "port", lambda v: v.update(port=80)),
    ("replicas of 0", "replicas", lambda v: v.update(replicas=0)),
    ("autoscaling as text", "autoscaling", lambda v: v.update(autoscaling="on")),
    ("a CPU request that is no quantity", "resources", lambda v: v.update(resources={"requests": {"cpu": "lots"}})),
    ("a database not among the choices", "database", lambda v: v.update(database="oracle")),
    ("no name", "name", lambda v: v.pop("name", None)),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scaffold", required=True)
    options = parser.parse_args()
    agree = differ = 0
    for name in sorted(os.listdir(CATALOG)):
        folder = os.path.join(CATALOG, name)
        if not os.path.isdir(folder):
            continue
        for version in sorted(os.listdir(folder)):
            tests = os.path.join(folder, version, "tests")
            if not os.path.isdir(tests):
                continue
            schema = json.loads(subprocess.run([options.scaffold, "params", name, "--version", version, "--json-schema",
                                                "--catalog", CATALOG], capture_output=True, text=True, check=True).stdout)
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            parameters = set(schema["properties"])
            cases = []
            for case in sorted(os.listdir(tests)):
                with open(os.path.join(tests, case, "values.yaml")) as f:
                    cases.append((f"test {case}", yaml.safe_load(f) or {}))
            base = cases[0][1]
            for label, needs, breakage in BREAKAGES:
                if needs is None or needs in parameters:
                    values = copy.deepcopy(base)
                    breakage(values)
                    cases.append((label, values))
            for label, values in cases:
                with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
                    yaml.safe_dump(values, f)
                    path = f.name
                try:
                    ours = subprocess.run([options.scaffold, "preview", name, "--version", version, "--values", path,
                                           "--catalog", CATALOG], capture_output=True, text=True)
                finally:
                    os.unlink(path)
                scaffold_accepts = ours.returncode == 0
                schema_accepts = validator.is_valid(values)
                if scaffold_accepts == schema_accepts:
                    agree += 1
                else:
                    differ += 1
                    print(f"FAIL {name} {version} {label}: scaffold {'accepts' if scaffold_accepts else 'refuses'}, "
                          f"the schema {'accepts' if schema_accepts else 'refuses'} ({ours.stderr.strip()[:200]})")
    print(f"values schema: {agree} verdicts agree, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
