#!/usr/bin/env bash
# JMH benchmarks of the hot paths, with allocation per operation (-prof gc). Arguments go to JMH, e.g.
#   bench/run-jmh.sh                      # everything, @Fork(2) @Warmup(5) @Measurement(10) as annotated
#   bench/run-jmh.sh Chat -f 1 -wi 2 -i 3 # a quick look at one benchmark class
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$ROOT/bin/lib/find-java.sh"
(cd "$ROOT" && ./mvnw -q -B -DskipTests package >&2)
exec "$JAVA" -cp "$ROOT/bench/target/jdissect-bench-0.1.0-SNAPSHOT.jar:$ROOT/bench/target/lib/*" org.openjdk.jmh.Main -prof gc "$@"
