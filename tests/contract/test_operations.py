"""Operations over the live server: metrics parse with a real Prometheus parser, OpenAPI validates, logs are JSON."""
import json
import urllib.request

from openapi_spec_validator import validate
from prometheus_client.parser import text_string_to_metric_families

from conftest import API_KEY


def get(server, path, key=None):
    request = urllib.request.Request(f"http://127.0.0.1:{server.port}{path}")
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def test_metrics_parse_with_prometheus_client(server, client):
    client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
    list(client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], stream=True))
    status, headers, body = get(server, "/metrics")
    assert status == 200
    assert headers["content-type"].startswith("text/plain; version=0.0.4")
    families = {family.name: family for family in text_string_to_metric_families(body.decode())}
    for name in [
        "blueprint_http_requests",
        "blueprint_http_request_duration_seconds",
        "blueprint_stream_time_to_first_token_seconds",
        "blueprint_open_connections",
        "blueprint_active_streams",
        "blueprint_tokens",
        "blueprint_rate_limited_requests",
        "blueprint_unauthenticated_requests",
    ]:
        assert name in families, name
    requests = [s for s in families["blueprint_http_requests"].samples if s.labels.get("route") == "/v1/chat/completions"]
    assert sum(s.value for s in requests) >= 2
    tokens = {s.labels["kind"]: s.value for s in families["blueprint_tokens"].samples if s.labels.get("model") == "gpt-4o-mini"}
    assert tokens["prompt"] > 0 and tokens["completion"] > 0


def test_openapi_document_validates(server):
    status, headers, body = get(server, "/openapi.json")
    assert status == 200
    document = json.loads(body)
    validate(document)
    assert "/v1/chat/completions" in document["paths"]
    assert document["info"]["version"]


def test_logs_are_json_lines_with_access_fields(server, client):
    client.models.list()
    # The line is written before the response, but the reader thread may not have collected it yet.
    access = server.wait_for_line(lambda r: r.get("msg") == "request" and r.get("path") == "/v1/models")
    assert access, "no access line for /v1/models"
    for line in list(server.lines):
        json.loads(line)  # every line must be JSON
    line = access
    for key in ("ts", "level", "request_id", "method", "status", "duration_ms"):
        assert key in line
    assert API_KEY not in "".join(server.lines)
