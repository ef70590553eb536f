"""Validates sample OCPP payloads written by the Swift tests against the official JSON schemas.

The schemas are read from the installed PyPI package `ocpp` (never copied into this repository).
Usage: python validate_ocpp_schemas.py DIR

DIR holds `manifest.json` (a list of {version, action, kind, variant, file}) with the sample files it names,
and `enumerations.json` (a list of {version, schemaLocations, values}). Checks, each a failure when broken:
  1. every sample validates against its schema (format "date-time" checked too, at most 3 decimals);
  2. every property the schema defines occurs in at least one sample of that message (so no field is missing
     from our types);
  3. every enumeration's values equal the schema's, and every enumeration in a sampled schema is covered.
Exit status 0 when all hold, 1 otherwise; a summary per version is printed either way.
"""

from __future__ import annotations

import decimal
import importlib.metadata
import json
import re
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import ocpp
from jsonschema import FormatChecker
from jsonschema.validators import validator_for

SCHEMA_DIRS = {"1.6": "v16", "2.0.1": "v201"}
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,3})?([Zz]|[+-]\d{2}:\d{2})$")


def schema_dir(version: str) -> Path:
    return Path(ocpp.__file__).resolve().parent / SCHEMA_DIRS[version] / "schemas"


def schema_name(version: str, action: str, kind: str) -> str:
    if kind == "response":
        return action + "Response"
    return action if version == "1.6" else action + "Request"


def load_json(path: Path, use_decimal: bool = False):
    # The 2.0.1 schemas start with a byte order mark.
    text = path.read_text(encoding="utf-8-sig")
    return json.loads(text, parse_float=decimal.Decimal) if use_decimal else json.loads(text)


def load_schema(version: str, name: str):
    # As the ocpp library does: 1.6's multipleOf 0.1 needs decimal arithmetic on schema and instance.
    return load_json(schema_dir(version) / f"{name}.json", use_decimal=(version == "1.6"))


def is_date_time(value) -> bool:
    if not isinstance(value, str) or not DATE_TIME.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00").replace("t", "T"))
    except ValueError:
        return False
    return True


FORMATS = FormatChecker(formats=())
FORMATS.checks("date-time")(is_date_time)


def resolve(schema, node):
    while "$ref" in node:
        name = node["$ref"].split("/")[-1]
        node = schema["definitions"][name]
    return node


def schema_paths(schema, node=None, prefix="", depth=0):
    """Every property path the schema defines, arrays written as `[]`."""
    node = resolve(schema, schema if node is None else node)
    paths = set()
    if depth > 12:
        return paths
    for key, child in node.get("properties", {}).items():
        path = f"{prefix}.{key}" if prefix else key
        paths.add(path)
        child = resolve(schema, child)
        if child.get("type") == "array" and "items" in child:
            paths |= schema_paths(schema, child["items"], path + "[]", depth + 1)
        elif child.get("type") == "object":
            paths |= schema_paths(schema, child, path, depth + 1)
    return paths


def instance_paths(value, schema, node=None, prefix=""):
    """The property paths present in an instance, following only the properties the schema defines
    (customData's free-form extras are not paths of the schema)."""
    node = resolve(schema, schema if node is None else node)
    paths = set()
    if not isinstance(value, dict):
        return paths
    for key, child_value in value.items():
        child = node.get("properties", {}).get(key)
        if child is None:
            continue
        path = f"{prefix}.{key}" if prefix else key
        paths.add(path)
        child = resolve(schema, child)
        if child.get("type") == "array" and isinstance(child_value, list):
            for element in child_value:
                paths |= instance_paths(element, schema, child.get("items", {}), path + "[]")
        elif child.get("type") == "object":
            paths |= instance_paths(child_value, schema, child, path)
    return paths


def enum_properties(node, schema, prop_name, found, seen_refs=()):
    """Every enum list under properties named `prop_name` anywhere in a (1.6) schema."""
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].split("/")[-1]
            if name in seen_refs:
                return
            enum_properties(schema["definitions"][name], schema, prop_name, found, seen_refs + (name,))
            return
        for key, child in node.get("properties", {}).items():
            target = resolve(schema, child)
            if key == prop_name and "enum" in target:
                found.append(target["enum"])
        for value in node.values():
            if isinstance(value, (dict, list)):
                enum_properties(value, schema, prop_name, found, seen_refs)
    elif isinstance(node, list):
        for item in node:
            enum_properties(item, schema, prop_name, found, seen_refs)


def all_enums(schema):
    """(location, values) of every enum in a schema: 2.0.1 by definition name, 1.6 by property name."""
    result = []
    for name, definition in schema.get("definitions", {}).items():
        if "enum" in definition:
            result.append((name, definition["enum"]))

    def walk(node):
        if isinstance(node, dict):
            for key, child in node.get("properties", {}).items():
                if "enum" in child:
                    result.append((key, child["enum"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    if "definitions" not in schema:
        walk(schema)
    return result


def check(directory: Path) -> tuple[list[str], dict]:
    failures: list[str] = []
    manifest = load_json(directory / "manifest.json")
    stats = defaultdict(lambda: {"samples": 0, "valid": 0, "messages": set()})
    present = defaultdict(set)
    sampled_schemas = set()

    for entry in manifest:
        version, action, kind = entry["version"], entry["action"], entry["kind"]
        name = schema_name(version, action, kind)
        key = (version, name)
        sampled_schemas.add(key)
        stats[version]["samples"] += 1
        stats[version]["messages"].add(name)
        label = f"{version} {name} ({entry['variant']}, {entry['file']})"
        try:
            schema = load_schema(version, name)
        except FileNotFoundError:
            failures.append(f"{label}: no official schema named {name}")
            continue
        instance = load_json(directory / entry["file"], use_decimal=(version == "1.6"))
        validator = validator_for(schema)(schema, format_checker=FORMATS)
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        if errors:
            for error in errors[:5]:
                where = "/".join(map(str, error.absolute_path)) or "(root)"
                failures.append(f"{label}: {where}: {error.message}")
        else:
            stats[version]["valid"] += 1
        present[key] |= instance_paths(instance, schema)

    for (version, name) in sorted(sampled_schemas):
        schema = load_schema(version, name)
        missing = sorted(schema_paths(schema) - present[(version, name)])
        for path in missing:
            failures.append(f"{version} {name}: property {path} occurs in no sample (missing from the type?)")

    enumerations = load_json(directory / "enumerations.json")
    covered = defaultdict(set)
    for enumeration in enumerations:
        version, values = enumeration["version"], enumeration["values"]
        for location in enumeration["schemaLocations"]:
            if version == "2.0.1":
                found = []
                for path in sorted(schema_dir(version).glob("*.json")):
                    definition = load_json(path).get("definitions", {}).get(location)
                    if definition and "enum" in definition:
                        found.append(definition["enum"])
                covered[version].add(location)
            else:
                file, prop = location.split(":")
                found = []
                enum_properties(load_schema(version, file), load_schema(version, file), prop, found)
                covered[version].add((file, prop))
            if not found:
                failures.append(f"{version} enumeration at {location}: no such enum in the schemas")
            for schema_values in found:
                if sorted(schema_values) != sorted(values):
                    extra = sorted(set(values) - set(schema_values))
                    lacking = sorted(set(schema_values) - set(values))
                    failures.append(f"{version} enumeration at {location}: ours has extra {extra}, lacks {lacking}")

    for (version, name) in sorted(sampled_schemas):
        for location, _ in all_enums(load_schema(version, name)):
            wanted = location if version == "2.0.1" else (name, location)
            if wanted not in covered[version]:
                failures.append(f"{version} {name}: enumeration {location} is not checked against ours")

    return failures, stats


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    failures, stats = check(Path(argv[1]))
    for version in sorted(stats):
        s = stats[version]
        print(f"OCPP {version}: {s['valid']}/{s['samples']} samples valid against {len(s['messages'])} official "
              f"schemas (ocpp {importlib.metadata.version('ocpp')}, "
              f"jsonschema {importlib.metadata.version('jsonschema')})")
    for failure in failures:
        print("FAIL " + failure)
    print("all checks passed" if not failures else f"{len(failures)} failures")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
