#!/usr/bin/env python3
"""Validates a SARIF file against a JSON schema: validate_sarif.py SCHEMA DOCUMENT.

Exit status: 0 valid, 1 invalid (each error on standard error as path: message), 2 bad usage or
unreadable input, 3 the jsonschema package is missing (scripts/setup installs it).
The validator class follows the draft the schema declares in "$schema" (draft-04 for SARIF 2.1.0).
"""
import json
import sys

try:
    import jsonschema
    from jsonschema import validators
except ImportError:
    print("validate_sarif: the Python package jsonschema is missing (run scripts/setup)", file=sys.stderr)
    sys.exit(3)


def main(argv):
    if len(argv) != 3:
        print("usage: validate_sarif.py SCHEMA DOCUMENT", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as handle:
            schema = json.load(handle)
        with open(argv[2], encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError) as error:
        print(f"validate_sarif: {error}", file=sys.stderr)
        return 2
    validator_class = validators.validator_for(schema, default=jsonschema.Draft4Validator)
    validator_class.check_schema(schema)
    errors = sorted(validator_class(schema).iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors[:20]:
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        print(f"{where}: {error.message}", file=sys.stderr)
    if errors:
        print(f"validate_sarif: {len(errors)} error(s) against {validator_class.__name__}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
