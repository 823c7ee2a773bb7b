# Sourced by bin/jdissect, bin/test and .ci/run: sets JAVA to a java binary of a JDK 21+ and exports JAVA_HOME.
java_major() {  # the major version of java binary $1, or 0
  local v="" home line
  # the JDK's release file says it without starting a JVM (each JVM start costs the launcher ~0.2 s)
  home="$(readlink -f "$1")"; home="${home%/bin/java}"
  if [ -r "$home/release" ]; then
    while IFS= read -r line; do
      case "$line" in JAVA_VERSION=*) v="${line#JAVA_VERSION=}"; v="${v//\"/}"; break;; esac
    done < "$home/release"
  fi
  [ -n "$v" ] || v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)
  case "$v" in 1.*|"") echo 0;; *) echo "${v%%.*}";; esac
}

find_java() {
  local cand
  # JAVA_HOME first, before listing the JDKs installed (a few processes the common case need not start)
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    echo "$JAVA_HOME/bin/java"; return 0
  fi
  for cand in "${JAVA_HOME:+$JAVA_HOME/bin/java}" \
      $(ls -d /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java 2>/dev/null | sort -rV) \
      "$(command -v java 2>/dev/null || true)"; do
    [ -n "$cand" ] && [ -x "$cand" ] || continue
    if [ "$(java_major "$cand")" -ge 21 ]; then echo "$cand"; return 0; fi
  done
  return 1
}

JAVA="$(find_java)" || {
  echo "jdissect: needs a Java 21 or newer JDK, and none was found (looked at JAVA_HOME, /usr/lib/jvm, PATH)." >&2
  echo "  Debian/Ubuntu: sudo apt-get install openjdk-21-jdk   (or any Temurin 21+), then run again." >&2
  exit 3
}
JAVA_HOME="$(readlink -f "$JAVA")"; JAVA_HOME="${JAVA_HOME%/bin/java}"
JAVA_MAJOR="$(java_major "$JAVA")"
export JAVA_HOME
# Maven's own Guice touches sun.misc.Unsafe: JDK 24+ warns about it on every build unless told this is known
if [ "$JAVA_MAJOR" -ge 24 ]; then
  case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}";; esac
fi
