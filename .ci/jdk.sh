# Sourced by .ci/run and ./neon-ops: finds a JDK 21 or newer even when the default `java` is older.
# use_jdk exports JAVA_HOME and PATH for the newest one found, or says exactly what to install and returns 1.

java_feature() { # prints the feature version of the java binary $1, or 0
  # A JDK's `release` file names its version: reading it with shell builtins costs nothing, while starting a JVM to ask
  # costs a tenth of a second (and every external program a few milliseconds of ./neon-ops start-up).
  local bin=$1 home line v=""
  [ -L "$bin" ] && bin=$(readlink -f "$bin")
  home=${bin%/*}
  home=${home%/*}
  if [ -f "$home/release" ]; then
    while IFS= read -r line; do
      case $line in JAVA_VERSION=\"*) v=${line#JAVA_VERSION=\"}; v=${v%%[!0-9]*}; break ;; esac
    done < "$home/release"
    [ "$v" = "1" ] && v=8
    if [ -n "$v" ]; then echo "$v"; return; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1 | cut -d. -f1 || echo 0
}

pick_jdk() { # prints the home of the newest JDK 21+ among JAVA_HOME, the java on PATH and the usual JVM directories
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  local java
  if java=$(command -v java); then
    java=$(readlink -f "$java")
    java=${java%/*}
    candidates+=("${java%/*}")
  fi
  local d dirs=(/usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home)
  # NEON_CLIENT_JDK_DIRS, when set, replaces those directories (space-separated, globs allowed; empty: look at none).
  # shellcheck disable=SC2206
  [ -n "${NEON_CLIENT_JDK_DIRS+set}" ] && dirs=(${NEON_CLIENT_JDK_DIRS})
  for d in "${dirs[@]}"; do
    [ -d "$d" ] && candidates+=("$d")
  done
  local best="" best_v=0 home v
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/javac" ] || continue
    v=$(java_feature "$home/bin/java")
    if [ "${v:-0}" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$home"; best_v=$v; fi
  done
  [ -n "$best" ] && echo "$best"
}

use_jdk() {
  local jdk
  jdk=$(pick_jdk || true)
  if [ -z "$jdk" ]; then
    local have="none"
    command -v java >/dev/null 2>&1 && have="Java $(java_feature "$(command -v java)") at $(readlink -f "$(command -v java)")"
    local looked="JAVA_HOME, PATH, /usr/lib/jvm, /opt/java"
    [ -n "${NEON_CLIENT_JDK_DIRS+set}" ] && looked="JAVA_HOME, PATH${NEON_CLIENT_JDK_DIRS:+, $NEON_CLIENT_JDK_DIRS}"
    echo "neon-client needs a JDK 21 or newer (found: $have; looked at $looked)." >&2
    echo "Install one (e.g. Eclipse Temurin 21 or 25 from adoptium.net, or your distribution's openjdk-21-jdk)," >&2
    echo "then run this again; a JDK under /usr/lib/jvm or named by JAVA_HOME is found without changing PATH." >&2
    return 1
  fi
  export JAVA_HOME="$jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
  # Maven 3.8's bundled Guava uses sun.misc.Unsafe; silence the JDK 24+ warning about it.
  if [ "$(java_feature "$JAVA_HOME/bin/java")" -ge 24 ]; then
    case " ${MAVEN_OPTS:-} " in *sun-misc-unsafe-memory-access*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
  fi
}
