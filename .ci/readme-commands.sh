#!/usr/bin/env bash
# Runs the README's first command (the demo) exactly as written, in a fresh clone of this checkout's HEAD, with JAVA_HOME
# unset and an older `java` first on PATH when one is installed: what a new user on these machines types. First it checks
# that, where no JDK 21+ can be found, the same command says exactly what to install.
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
# Where no JDK 21+ exists (none on PATH or in JAVA_HOME, none in the JVM directories, which NEON_CLIENT_JDK_DIRS empties
# here), the same command must say exactly what to install and build nothing. Checked first: the build below leaves a jar
# and a remembered JDK in the clone.
nojdk_path="/usr/bin:/bin"
[ -n "$old_java" ] && nojdk_path="$old_java:$nojdk_path"
. "$src/.ci/jdk.sh"
path_java=$(PATH="$nojdk_path" command -v java || true)
if [ -n "$path_java" ] && [ "$(java_feature "$path_java")" -ge 21 ]; then
  echo "readme-commands: skipped the no-JDK check: the java on $nojdk_path is a JDK 21+ ($path_java)"
else
  echo "readme-commands: \$ $cmd   (JAVA_HOME unset, no JDK 21+ anywhere it looks)"
  if (cd "$work/clone" && env -u JAVA_HOME NEON_CLIENT_JDK_DIRS= PATH="$nojdk_path" bash -c "$cmd") > "$work/nojdk.log" 2>&1; then
    cat "$work/nojdk.log"; echo "readme-commands: with no JDK 21+ the command should have failed, saying what to install" >&2; exit 1
  fi
  if ! grep -q "^neon-client needs a JDK 21 or newer (found: " "$work/nojdk.log" || ! grep -q "^Install one (e.g. Eclipse Temurin 21 or 25" "$work/nojdk.log" \
      || [ -e "$work/clone/samples/target/neon-ops.jar" ]; then
    cat "$work/nojdk.log"; echo "readme-commands: with no JDK 21+ the command did not say what to install (or built anyway)" >&2; exit 1
  fi
  sed 's/^/readme-commands:   /' "$work/nojdk.log"
fi
echo "readme-commands: in a fresh clone, JAVA_HOME unset, java on PATH: $(PATH="$env_path" java -version 2>&1 | head -n1)"
echo "readme-commands: \$ $cmd"
(cd "$work/clone" && env -u JAVA_HOME PATH="$env_path" bash -c "$cmd") > "$work/out.log" 2>&1 || {
  tail -n 40 "$work/out.log"; echo "readme-commands: the README's first command failed" >&2; exit 1; }
tail -n 3 "$work/out.log"
echo "readme-commands: the README's first command works verbatim"
