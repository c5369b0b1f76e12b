"""Fixtures: a live Blueprint server started from the built binary on an ephemeral port."""
import json
import os
import subprocess
import threading

import openai
import pytest

BINARY = os.environ.get("BLUEPRINT_BINARY", ".build/debug/BlueprintServer")
API_KEY = "contract-test-key-0123456789"


class Server:
    def __init__(self, env_overrides=None):
        env = {
            "PATH": os.environ.get("PATH", ""),
            "ENVIRONMENT": "test",
            "HOST": "127.0.0.1",
            "PORT": "0",
            "API_AUTH_TOKENS": API_KEY,
            "LOG_LEVEL": "info",
            "RATE_LIMIT_PER_MINUTE": "0",
        }
        env.update(env_overrides or {})
        self.process = subprocess.Popen(
            [BINARY], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        self.port = None
        self.lines = []
        # The server logs one JSON line per event on stderr; the "listening" line carries the bound port.
        for line in self.process.stderr:
            self.lines.append(line)
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if record.get("msg") == "listening":
                self.port = int(record["port"])
                break
        if self.port is None:
            raise RuntimeError("server did not start:\n" + "".join(self.lines))
        self._drain = threading.Thread(target=self._collect, daemon=True)
        self._drain.start()

    def _collect(self):
        for line in self.process.stderr:
            self.lines.append(line)

    def wait_for_line(self, predicate, seconds=5.0):
        """The first JSON log line matching `predicate`, waiting up to `seconds` for the reader thread."""
        import time

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for line in list(self.lines):
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if predicate(record):
                    return record
            time.sleep(0.02)
        return None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}/v1"

    def stop(self):
        self.process.terminate()
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


PROXIED_MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-3.5-turbo-instruct", "text-embedding-3-small", "blueprint-echo"]


@pytest.fixture(scope="session", params=["direct", "proxied"])
def server(request, tmp_path_factory):
    """A Blueprint on the mock model; and, as the second run, a Blueprint that proxies every model to another
    Blueprint through the openai-compatible backend (issue 6: the SDK suite runs once against a proxy)."""
    if request.param == "direct":
        instance = Server()
        yield instance
        instance.stop()
        return
    upstream = Server()
    config = tmp_path_factory.mktemp("routing") / "routing.json"
    config.write_text(json.dumps({
        "providers": [{
            "name": "upstream-blueprint",
            "type": "openai-compatible",
            "base_url": f"http://127.0.0.1:{upstream.port}/v1",
            "api_key_env": "UPSTREAM_KEY",
            "models": [{"id": model} for model in PROXIED_MODELS],
        }]
    }))
    proxy = Server({"ROUTING_CONFIG": str(config), "UPSTREAM_KEY": API_KEY})
    yield proxy
    proxy.stop()
    upstream.stop()


@pytest.fixture()
def client(server):
    return openai.OpenAI(base_url=server.base_url, api_key=API_KEY, max_retries=0, timeout=20)


@pytest.fixture()
def async_client(server):
    return openai.AsyncOpenAI(base_url=server.base_url, api_key=API_KEY, max_retries=0, timeout=20)
