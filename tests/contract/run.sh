#!/usr/bin/env bash
# The official-SDK contract suite: builds the server, installs what the suite needs (the pinned SDK and tools into
# a virtualenv; headless Chromium from Debian for the /docs check), runs pytest. The suite starts its own servers on
# ephemeral ports from the built binary.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
swift build --product BlueprintServer >/dev/null
if ! command -v chromedriver >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing chromium and chromium-driver (Debian packages) for the /docs browser check" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq chromium chromium-driver >/dev/null
fi
venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check -r tests/contract/requirements.txt
BLUEPRINT_BINARY="$root/.build/debug/BlueprintServer" "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/contract "$@"
