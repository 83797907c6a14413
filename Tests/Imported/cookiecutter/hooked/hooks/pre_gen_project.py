import sys

slug = "{{ cookiecutter.slug }}"
if not slug.replace("-", "").isalnum():
    print(f"ERROR: {slug!r} is not a valid slug", file=sys.stderr)
    sys.exit(1)
with open("PRE_GEN.txt", "w", encoding="utf-8") as f:
    f.write("written before the files for {{ cookiecutter.name }}\n")
