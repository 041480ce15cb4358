#!/usr/bin/env bash
# Runs the README's first command (the demo) exactly as written, in a fresh clone of this checkout's HEAD, with JAVA_HOME
# unset and an older `java` first on PATH when one is installed: what a new user on these machines types.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
cmd=$(awk '/^```bash$/ {inblock=1; next} inblock {print; exit}' "$src/README.md" | sed 's/[[:space:]]*#.*$//')
[ -n "$cmd" ] || { echo "readme-commands: no command in the README's first bash block" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$src" "$work/clone"
old_java=""
for d in /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/java-11-openjdk-*; do
  [ -x "$d/bin/java" ] && { old_java="$d/bin"; break; }
done
env_path="$PATH"
[ -n "$old_java" ] && env_path="$old_java:$PATH"
echo "readme-commands: in a fresh clone, JAVA_HOME unset, java on PATH: $(PATH="$env_path" java -version 2>&1 | head -n1)"
echo "readme-commands: \$ $cmd"
(cd "$work/clone" && env -u JAVA_HOME PATH="$env_path" bash -c "$cmd") > "$work/out.log" 2>&1 || {
  tail -n 40 "$work/out.log"; echo "readme-commands: the README's first command failed" >&2; exit 1; }
tail -n 3 "$work/out.log"
echo "readme-commands: the README's first command works verbatim"
