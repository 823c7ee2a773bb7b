# Sourced by bin/jdissect, bin/test and .ci/run: sets JAVA to a java binary of a JDK 21+ and exports JAVA_HOME.
java_major() {  # the major version of java binary $1, or 0
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)
  case "$v" in 1.*|"") echo 0;; *) echo "${v%%.*}";; esac
}

find_java() {
  local cand
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
JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")"
export JAVA_HOME
# Maven's own Guice touches sun.misc.Unsafe: JDK 24+ warns about it on every build unless told this is known
if [ "$(java_major "$JAVA")" -ge 24 ]; then
  case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}";; esac
fi
