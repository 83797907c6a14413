#!/usr/bin/env python3
"""Makes a peer's template equivalent to a scaffold render: the same files, with the service name
templated (in paths and contents), for cookiecutter or copier. Files that already contain Jinja
syntax (GitHub Actions' ${{ }}) are wrapped in {% raw %} so the peer renders them verbatim.

    equivalent_template.py cookiecutter RENDERED_DIR OUT_DIR NAME
    equivalent_template.py copier RENDERED_DIR OUT_DIR NAME      (files under OUT_DIR/template)
"""
import json, os, sys

kind, ref, out, name = sys.argv[1:5]
if kind == "cookiecutter":
    var, root = "cookiecutter.name", os.path.join(out, "{{cookiecutter.name}}")
    os.makedirs(out, exist_ok=True)
    json.dump({"name": name}, open(os.path.join(out, "cookiecutter.json"), "w"))
else:
    var, root = "name", os.path.join(out, "template")
    os.makedirs(root, exist_ok=True)
    open(os.path.join(out, "copier.yml"), "w").write(
        f"_subdirectory: template\n_templates_suffix: ''\nname:\n  type: str\n  default: {name}\n")
    # The answers file `copier update` needs to find the template again (copier's documented recipe).
    open(os.path.join(root, "{{ _copier_conf.answers_file }}"), "w").write("{{ _copier_answers|to_nice_yaml -}}\n")

for dirpath, _, files in os.walk(ref):
    if ".git" in os.path.relpath(dirpath, ref).split(os.sep):
        continue
    for f in files:
        src = os.path.join(dirpath, f)
        rel = os.path.relpath(src, ref)
        if rel == ".scaffold.yaml":
            continue
        text = open(src, encoding="utf-8").read()
        if "{{" in text or "{%" in text or "{#" in text:
            text = "{% raw %}" + text + "{% endraw %}"
        else:
            text = text.replace(name, "{{ " + var + " }}")
        dst = os.path.join(root, rel.replace(name, "{{ " + var + " }}"))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        open(dst, "w", encoding="utf-8").write(text)
        os.chmod(dst, os.stat(src).st_mode)
