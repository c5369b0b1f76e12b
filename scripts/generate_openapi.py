#!/usr/bin/env python3
"""Generates Blueprint's OpenAPI document from the official OpenAI spec.

The paths Blueprint serves are copied from the official spec together with every schema they reference
(transitively), so the shapes Blueprint shares with OpenAI are described by OpenAI's own definitions; Blueprint's
operational routes are added by hand. Examples and long descriptions are dropped to keep the document small.

Usage: scripts/generate_openapi.py ../shared/openai-openapi.yaml > Sources/Blueprint/API/OpenAPIDocument+Generated.swift
"""
import json
import sys

import yaml

OPENAI_PATHS = {
    "/models": ["get"],
    "/models/{model}": ["get"],
    "/chat/completions": ["post"],
    "/completions": ["post"],
    "/embeddings": ["post"],
    "/responses": ["post"],
}


def strip(node, parent_key=None):
    """Drops examples, vendor metadata and prose; keeps property definitions named `description` and the like."""
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            keeps_description = parent_key is not None and (parent_key.isdigit() or parent_key == "default")
            if key == "description" and keeps_description:
                result[key] = value
                continue
            if parent_key not in ("properties", "patternProperties") and key in (
                "x-oaiMeta", "x-oaiExpandable", "x-oaiTypeLabel", "example", "examples", "description",
                "x-stainless-const", "deprecated-description",
            ):
                continue
            if key == "default" and value is None and parent_key not in ("properties", "patternProperties"):
                # The official spec writes `default: null` on non-nullable schemas, which OpenAPI 3.1 rejects.
                continue
            result[key] = strip(value, key)
        return result
    if isinstance(node, list):
        return [strip(item, parent_key) for item in node]
    return node


def modernize_recursion(node, own_reference):
    """Draft 2019-09 `$recursiveAnchor`/`$recursiveRef` (in the official spec) are not OpenAPI 3.1 (JSON Schema
    2020-12): the recursion is written as a plain `$ref` to the enclosing component."""
    if isinstance(node, dict):
        return {
            ("$ref" if key == "$recursiveRef" else key): (
                own_reference if key == "$recursiveRef" else modernize_recursion(value, own_reference))
            for key, value in node.items()
            if key != "$recursiveAnchor"
        }
    if isinstance(node, list):
        return [modernize_recursion(item, own_reference) for item in node]
    return node


def main():
    spec = yaml.safe_load(open(sys.argv[1]))
    paths = {}
    for path, methods in OPENAI_PATHS.items():
        item = spec["paths"][path]
        paths["/v1" + path] = {method: strip(item[method]) for method in methods}
    references, seen, components = [], set(), {}

    def collect(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    references.append(value)
                else:
                    collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(paths)
    while references:
        reference = references.pop()
        if reference in seen:
            continue
        seen.add(reference)
        _, section, kind, name = reference.split("/")
        original = spec[section][kind][name]
        target = strip(original)
        target = modernize_recursion(target, f"#/components/{kind}/{name}")
        if kind == "responses":
            target["description"] = original.get("description", name)
        components.setdefault(kind, {})[name] = target
        collect(target)

    health = {"type": "object", "required": ["status"], "properties": {
        "status": {"type": "string"}, "name": {"type": "string"}, "version": {"type": "string"},
        "uptime_seconds": {"type": "number"}}}
    components.setdefault("schemas", {})["BlueprintHealth"] = health
    paths["/health"] = {"get": {"operationId": "health", "summary": "Liveness, name, version and uptime.",
        "security": [], "responses": {"200": {"description": "The server is up.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BlueprintHealth"}}}}}}}
    paths["/health/ready"] = {"get": {"operationId": "ready", "summary": "Readiness: 503 while starting or draining.",
        "security": [], "responses": {
            "200": {"description": "Ready.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BlueprintHealth"}}}},
            "503": {"description": "Starting or draining.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BlueprintHealth"}}}}}}}
    paths["/metrics"] = {"get": {"operationId": "metrics", "summary": "Prometheus text exposition format 0.0.4.",
        "responses": {"200": {"description": "Metrics.", "content": {"text/plain": {"schema": {"type": "string"}}}}}}}
    paths["/openapi.json"] = {"get": {"operationId": "openapi", "summary": "This document.", "security": [],
        "responses": {"200": {"description": "The OpenAPI document.", "content": {"application/json": {"schema": {"type": "object"}}}}}}}
    components["securitySchemes"] = {"ApiKeyAuth": {"type": "http", "scheme": "bearer"}}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Blueprint", "version": "__VERSION__",
                 "description": "An OpenAI-compatible API server. Shared shapes are OpenAI's own schemas."},
        "servers": [{"url": "/"}],
        "security": [{"ApiKeyAuth": []}],
        "paths": paths,
        "components": {kind: dict(sorted(items.items())) for kind, items in sorted(components.items())},
    }
    text = json.dumps(document, separators=(",", ":"), sort_keys=False)
    assert '"""' not in text and "\\(" not in text
    print("// Generated by scripts/generate_openapi.py from the official OpenAI spec. Do not edit by hand.")
    print("extension OpenAPIDocument {")
    print("    /// The document's JSON text with `__VERSION__` in place of the version.")
    print('    static let template = #"""')
    print(text)
    print('"""#')
    print("}")


if __name__ == "__main__":
    main()
