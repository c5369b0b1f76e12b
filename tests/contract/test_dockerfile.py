"""The Dockerfile passes hadolint (no Docker engine runs here, so a linter is the check we can make)."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_dockerfile_lints_clean():
    hadolint = os.path.join(os.path.dirname(sys.executable), "hadolint")
    result = subprocess.run([hadolint, os.path.join(ROOT, "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_has_the_operational_pieces():
    text = open(os.path.join(ROOT, "Dockerfile")).read()
    for needle in ("AS build", "--static-swift-stdlib", "USER 10001", "HEALTHCHECK", "EXPOSE 8000", "STOPSIGNAL SIGTERM"):
        assert needle in text, needle
