#!/usr/bin/env bash
# Starts or stops the real workerman-chat server (PHP, GatewayWorker on Workerman 5) on loopback for the
# live tests: gateway ws://127.0.0.1:7272, web page http://127.0.0.1:55151, register 1236.
# The sources come from ../shared/workerman-src; as in shared/captures/make-captures.sh, a small PSR-4
# autoloader replaces composer's (packagist is not reachable here).
#   chat-server.sh start WORKDIR SHARED_DIR [PING_INTERVAL]  |  chat-server.sh stop WORKDIR
set -euo pipefail
cmd="$1"; work="$2"
srv="$work/server"
case "$cmd" in
  start)
    shared="$3"; ping="${4:-10}"
    src="$shared/workerman-src"
    command -v php >/dev/null || { echo "php-cli is needed for the live tests (apt-get install php-cli)" >&2; exit 3; }
    rm -rf "$srv"; mkdir -p "$srv/vendor/workerman"
    cp -a "$src/workerman-chat"/. "$srv"/
    chmod -R u+w "$srv"
    cp -a "$src/workerman" "$srv/vendor/workerman/workerman"
    cp -a "$src/gateway-worker" "$srv/vendor/workerman/gateway-worker"
    cp -a "$src/coroutine" "$srv/vendor/workerman/coroutine"
    chmod -R u+w "$srv/vendor"
    cat > "$srv/vendor/autoload.php" <<'PHP'
<?php
spl_autoload_register(function ($class) {
    $base = __DIR__ . '/workerman/';
    $map = [
        'Workerman\\Coroutine\\' => ['coroutine/src/'],
        'GatewayWorker\\'        => ['gateway-worker/src/'],
        'Workerman\\'            => ['workerman/src/', 'coroutine/src/'],
    ];
    foreach ($map as $prefix => $dirs) {
        if (strncmp($class, $prefix, strlen($prefix)) === 0) {
            $rel = str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            foreach ($dirs as $d) {
                if (is_file($base . $d . $rel)) { require $base . $d . $rel; return; }
            }
        }
    }
    $f = __DIR__ . '/../Applications/Chat/' . str_replace('\\', '/', $class) . '.php';
    if (is_file($f)) require $f;
});
PHP
    sed -i -E "s/(\\\$gateway->pingInterval *= *)[0-9]+;/\\1$ping;/" "$srv/Applications/Chat/start_gateway.php"
    (cd "$srv" && php start.php stop >/dev/null 2>&1 || true)
    (cd "$srv" && php start.php start -d >"$work/server.out" 2>&1) || { cat "$work/server.out" >&2; exit 1; }
    for _ in $(seq 100); do
      if (exec 3<>/dev/tcp/127.0.0.1/7272) 2>/dev/null; then exit 0; fi
      sleep 0.1
    done
    echo "workerman-chat did not start listening on 7272" >&2; cat "$work/server.out" >&2; exit 1;;
  stop)
    [ -f "$srv/start.php" ] && (cd "$srv" && php start.php stop >/dev/null 2>&1) || true;;
  *) echo "usage: chat-server.sh start|stop WORKDIR [SHARED_DIR] [PING]" >&2; exit 2;;
esac
