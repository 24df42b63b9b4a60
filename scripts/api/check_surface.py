#!/usr/bin/env python3
"""The whole documented Xena API against a running xena-mock, with tests generated from Xena's Swagger document.

Nothing here lists an operation by hand: every check walks fixtures/api/xena-api-swagger.json (the file the mock
serves from) and derives the requests and the expected answers from it.

- every one of the document's operations answers: never "No HTTP resource", never 405 on a documented method,
  never 5xx; with ids taken from the mock's own lists, every one answers 200;
- every answer with a documented (or, by the template rules, implied) type validates against that type with a JSON
  Schema validator, every entity carrying every property its definition declares (`null` allowed for a value: Swagger
  2.0 cannot say "nullable" and the real API writes `null`);
- by-id reads return what the list showed; creates round-trip through the by-id read; updates count `Version` up;
- bodies the schema forbids (wrong JSON type, too long, missing required field, an int32 out of range, a reference
  to a missing entity) are refused with a 400 SaveResult naming the field;
- references (`PartnerId`, `VatId`, ...) in every listed entity point at an entity of the same company;
- `…DaysFriendly` agrees with `…Days`, money has at most two decimals;
- required and typed query parameters, list options under every spelling, 405 with `Allow`;
- bearer authorization and tenant scoping on a sample of every area; the published document.

Usage: check_surface.py PATH/TO/xena-mock [--verbose]
"""
import argparse
import copy
import datetime
import json
import os
import re
import subprocess
import sys

import jsonschema
import requests

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fuzz"))
from mockserver import MockServer, repository_root  # noqa: E402

ALICE_COMPANY = 104200311
BOB_COMPANY = 104200313
METHODS = ["get", "post", "put", "delete"]
DATE_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$"


class Failures:
    def __init__(self):
        self.items = []

    def add(self, what, detail):
        self.items.append(f"{what}: {detail}")

    def report(self, title, count):
        print(f"{title}: {count} checked, {sum(1 for item in self.items if item.startswith(title))} failed")


def segments(path):
    return path.split("/")[2:]  # after "/Api"


def key(parts):
    return "/".join("{}" if part.startswith("{") else part.lower() for part in parts)


class Document:
    """The Swagger document: operations, definitions, collections (as the mock's template rules define them)."""

    def __init__(self, path):
        with open(path) as file:
            self.raw = json.load(file)
        self.definitions = self.raw["definitions"]
        self.operations = []
        for path, item in sorted(self.raw["paths"].items()):
            for method in METHODS:
                if method in item:
                    self.operations.append((method, path, item[method]))
        self.by_key = {}
        for method, path, operation in self.operations:
            self.by_key.setdefault(key(segments(path)), {})[method] = (path, operation)

    def response_ref(self, operation):
        schema = operation.get("responses", {}).get("200", {}).get("schema")
        return schema

    def list_entity(self, collection_key):
        """The entity definition a GET at this key lists, if it lists."""
        entry = self.by_key.get(collection_key, {}).get("get")
        if not entry:
            return None, None
        schema = self.response_ref(entry[1]) or {}
        if schema.get("type") == "array" and "$ref" in schema.get("items", {}):
            return ref_name(schema["items"]["$ref"]), "array"
        name = ref_name(schema.get("$ref", ""))
        envelope = self.definitions.get(name, {})
        entities = envelope.get("properties", {}).get("Entities", {}).get("items", {})
        if "$ref" in entities and name.startswith(("PagedResultSet[", "EnumerableResultSet[")):
            return ref_name(entities["$ref"]), ("paged" if name.startswith("Paged") else "enumerable")
        return None, None

    def creates(self, collection_key):
        """A POST at this key that creates: it answers nothing, a SaveResult or an entity (a definition with Id)."""
        entry = self.by_key.get(collection_key, {}).get("post")
        if not entry:
            return None
        answer = self.response_ref(entry[1])
        if answer is None:
            return entry
        name = ref_name(answer.get("$ref", ""))
        if name in ("SaveResult", "BulkSaveResult") or "Id" in self.definitions.get(name, {}).get("properties", {}):
            return entry
        return None

    def is_collection(self, collection_key):
        """The template rule: a list, or a create with by-id operations, makes a collection; by-id operations
        alone are values, and so is a POST alone (an action)."""
        if self.list_entity(collection_key)[0]:
            return True
        by_id = self.by_key.get(collection_key + "/{}", {})
        return self.creates(collection_key) is not None and any(method in by_id for method in ("get", "put", "delete"))

    def entity_of(self, collection_key):
        """The collection's entity: the list's, the by-id read's, the create's answer, the update's body, the
        create's body, else `{Name}Dto`."""
        entity, _ = self.list_entity(collection_key)
        if entity:
            return entity
        by_id = self.by_key.get(collection_key + "/{}", {})
        create = self.creates(collection_key)
        candidates = [
            self.response_ref(by_id["get"][1]) if "get" in by_id else None,
            self.response_ref(create[1]) if create else None,
            body_schema(by_id["put"][1]) if "put" in by_id else None,
            body_schema(create[1]) if create else None,
        ]
        for index, candidate in enumerate(candidates):
            if candidate and "$ref" in candidate:
                name = ref_name(candidate["$ref"])
                if index == 1 and "Id" not in self.definitions.get(name, {}).get("properties", {}):
                    continue
                return name
        last = collection_key.split("/")[-1]
        for name in self.definitions:
            if name.lower() == last + "dto":
                return name
        return None

    def resolve(self, schema):
        for _ in range(4):
            if "$ref" in schema:
                schema = self.definitions.get(ref_name(schema["$ref"]), {})
            elif "allOf" in schema and schema["allOf"] and "$ref" in schema["allOf"][0]:
                schema = self.definitions.get(ref_name(schema["allOf"][0]["$ref"]), {})
            else:
                return schema
        return schema

    def json_schema(self, schema, every_property=True):
        """Swagger 2.0 → JSON Schema (draft 7): every value may be null, every declared property must be present."""
        definitions = {name: convert(definition, every_property) for name, definition in self.definitions.items()}
        if "$ref" in schema:  # an answer itself is never null
            return {"definitions": definitions, "$ref": "#/definitions/" + json_pointer(ref_name(schema["$ref"]))}
        return {"definitions": definitions, **convert(schema, every_property)}


def ref_name(reference):
    return reference.rsplit("/", 1)[-1]


def body_schema(operation):
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "body":
            return parameter.get("schema")
    return None


def convert(schema, every_property):
    if "$ref" in schema:
        return {"anyOf": [{"$ref": "#/definitions/" + json_pointer(ref_name(schema["$ref"]))}, {"type": "null"}]}
    if "allOf" in schema and schema["allOf"] and "$ref" in schema["allOf"][0]:
        return convert(schema["allOf"][0], every_property)
    kind = schema.get("type")
    result = {}
    if kind == "object" or "properties" in schema:
        result["type"] = ["object", "null"]
        properties = schema.get("properties", {})
        result["properties"] = {name: convert(value, every_property) for name, value in properties.items()}
        result["required"] = sorted(properties) if every_property else schema.get("required", [])
        if isinstance(schema.get("additionalProperties"), dict):
            result["additionalProperties"] = convert(schema["additionalProperties"], every_property)
    elif kind == "array":
        result["type"] = ["array", "null"]
        if "items" in schema:
            result["items"] = convert(schema["items"], every_property)
    elif kind in ("integer", "number", "string", "boolean"):
        result["type"] = [kind, "null"]
        if kind == "integer":
            bits = 31 if schema.get("format") == "int32" else 63
            result["minimum"], result["maximum"] = -(2 ** bits), 2 ** bits - 1
        for bound in ("minimum", "maximum", "maxLength", "minLength"):
            if bound in schema:
                result[bound] = schema[bound]
        if kind == "string" and schema.get("format") == "date-time":
            result["pattern"] = DATE_TIME
        if "enum" in schema:
            result["enum"] = schema["enum"] + [None]
    return result


def json_pointer(name):
    return name.replace("~", "~0").replace("/", "~1")


class Surface:
    """Walks the document against the mock."""

    def __init__(self, server, document, tokens, verbose):
        self.base = f"http://127.0.0.1:{server.port}"
        self.document = document
        self.tokens = tokens
        self.session = requests.Session()
        self.verbose = verbose
        self.failures = Failures()
        self.ids = {}  # concrete collection prefix → an existing id
        self.validators = {}

    # -- HTTP

    def call(self, method, path, body=None, token="alice", params=None, headers=None):
        if self.verbose:
            print(method.upper(), path, params or "", flush=True)
        all_headers = {"Authorization": f"Bearer {self.tokens[token]}"} if token else {}
        all_headers.update(headers or {})
        return self.session.request(method.upper(), self.base + path, json=body, params=params, headers=all_headers, timeout=30)

    # -- Building requests from the document

    def concrete(self, path, company=ALICE_COMPANY, for_delete=False):
        """The path with every parameter replaced by a value that exists: ids from the mock's own lists."""
        parts = segments(path)
        result = []
        operation_params = {}
        for method in METHODS:
            if method in self.document.raw["paths"][path]:
                for parameter in self.document.raw["paths"][path][method].get("parameters", []):
                    if parameter.get("in") == "path":
                        operation_params[parameter["name"]] = parameter
        for index, part in enumerate(parts):
            if not part.startswith("{"):
                result.append(part)
                continue
            if index > 0 and parts[index - 1].lower() == "fiscal":
                result.append(str(company))
                continue
            name = part[1:-1]
            parameter = operation_params.get(name, {})
            prefix_key = key(parts[:index])
            if self.document.is_collection(prefix_key):
                existing = self.existing_id(result, prefix_key, fresh=for_delete and index == len(parts) - 1)
                result.append(str(existing) if existing is not None else "1")
            elif parameter.get("type") == "integer":
                result.append("1")
            elif "culture" in name.lower():
                result.append("da-DK")
            else:
                result.append("1")
        return "/Api/" + "/".join(result)

    def existing_id(self, prefix_parts, prefix_key, fresh=False):
        prefix = "/Api/" + "/".join(prefix_parts)
        if not fresh and prefix in self.ids:
            return self.ids[prefix]
        entity, _ = self.document.list_entity(prefix_key)
        found = None
        if entity and not fresh:
            listing = self.document.by_key[prefix_key]["get"][1]
            response = self.call("get", prefix, params={"forceNoPaging": "true", **self.query_for(listing)})
            if response.status_code == 200:
                answer = response.json()
                entities = answer if isinstance(answer, list) else answer.get("Entities", [])
                if entities:
                    found = entities[0].get("Id")
        if found is None and self.document.creates(prefix_key):
            path, operation = self.document.creates(prefix_key)
            response = self.call("post", prefix, body=self.body_for(body_schema(operation), prefix_parts))
            if response.status_code == 200:
                answer = response.json()
                found = answer.get("Id", answer.get("AssignedId"))
        if found is None and fresh:
            return self.existing_id(prefix_parts, prefix_key)
        if found is not None and not fresh:
            self.ids[prefix] = found
        return found

    def body_for(self, schema, context_parts, depth=0):
        """A valid body: required properties and references filled with values that exist."""
        if schema is None:
            return None
        resolved = self.document.resolve(schema)
        kind = resolved.get("type")
        if "enum" in resolved:
            return resolved["enum"][0]
        if kind == "object" or "properties" in resolved:
            if depth > 1:
                return None
            body = {}
            for name, property in resolved.get("properties", {}).items():
                if property.get("readOnly"):
                    continue
                value = self.value_for(name, property, context_parts, depth)
                if value is not None:
                    body[name] = value
            return body
        return self.value_for("", resolved, context_parts, depth)

    def value_for(self, name, schema, context_parts, depth):
        resolved = self.document.resolve(schema)
        kind = resolved.get("type")
        if "$ref" in schema or "allOf" in schema:
            return self.body_for(schema, context_parts, depth + 1)
        if kind == "integer":
            if (name.endswith("Id") and len(name) > 2 and context_parts and context_parts[0].lower() == "fiscal"
                    and resolved.get("format") != "int32"):
                target_key = key(["Fiscal", "{fiscalId}", name[:-2]])
                if self.document.is_collection(target_key):
                    return self.existing_id(["Fiscal", context_parts[1], name[:-2]], target_key)
                return 1
            if name.endswith("Days"):
                return 20200
            return max(resolved.get("minimum", 1), 1)
        if kind == "number":
            return max(resolved.get("minimum", 1), 1)
        if kind == "boolean":
            return False
        if kind == "string":
            if resolved.get("format") == "date-time":
                return "2025-03-14T09:12:44Z"
            if "url" in name.lower():
                return "https://example.com/hook"
            text = "Test " + name if name else "Test"
            if "maxLength" in resolved:
                text = text[: resolved["maxLength"]]
            if "minLength" in resolved and len(text) < resolved["minLength"]:
                text += "x" * (resolved["minLength"] - len(text))
            return text
        if kind == "array":
            return []
        return None

    def query_for(self, operation):
        params = {}
        for parameter in operation.get("parameters", []):
            if parameter.get("in") != "query" or not parameter.get("required"):
                continue
            params[parameter["name"]] = example_value(parameter)
        return params

    # -- Validation

    def validate(self, what, value, schema, every_property=True):
        cache_key = (json.dumps(schema, sort_keys=True), every_property)
        validator = self.validators.get(cache_key)
        if validator is None:
            validator = jsonschema.Draft7Validator(self.document.json_schema(schema, every_property))
            self.validators[cache_key] = validator
        errors = list(validator.iter_errors(value))
        if errors:
            error = jsonschema.exceptions.best_match(errors)
            while error.context:
                error = jsonschema.exceptions.best_match(error.context)
            self.failures.add("schema", f"{what}: {list(error.absolute_path)}: {error.message[:200]} ({len(errors)} problems)")
        return not errors

    def expected_schema(self, method, path, operation):
        """The documented answer, or what the template rules imply for a silent operation."""
        schema = self.document.response_ref(operation)
        if schema:
            return schema
        parts = segments(path)
        if parts[-1].startswith("{") and method in ("get", "put"):
            entity = self.document.entity_of(key(parts[:-1]))
            return {"$ref": f"#/definitions/{entity}"} if entity else None
        if method == "post" and self.document.is_collection(key(parts)):
            entity = self.document.entity_of(key(parts))
            return {"$ref": f"#/definitions/{entity}"} if entity else None
        if method == "delete" and parts[-1].startswith("{"):
            return {"$ref": "#/definitions/DeleteResult"}
        return None

    # -- The checks

    def every_operation_answers(self):
        ordered = [op for op in self.document.operations if op[0] != "delete"] + [op for op in self.document.operations if op[0] == "delete"]
        counts = {}
        for method, path, operation in ordered:
            if method == "delete" and self.ids:
                self.ids = {}  # the writes before changed what the lists show first
            concrete = self.concrete(path, for_delete=method == "delete")
            body = None
            if method in ("post", "put"):
                body = self.body_for(body_schema(operation), segments(concrete))
                if method == "put" and "get" in self.document.raw["paths"][path]:
                    current = self.call("get", concrete, params=self.query_for(self.document.raw["paths"][path]["get"]))
                    if current.status_code == 200 and isinstance(current.json(), dict):
                        merged = current.json()
                        merged.update({k: v for k, v in (body or {}).items() if k not in merged or merged[k] is None})
                        body = merged
            response = self.call(method, concrete, body=body, params=self.query_for(operation))
            counts[response.status_code] = counts.get(response.status_code, 0) + 1
            what = f"{method.upper()} {path} ({concrete})"
            text = response.text[:300]
            if response.status_code >= 500 or response.status_code == 405 or "No HTTP resource" in text:
                self.failures.add("answers", f"{what} → {response.status_code} {text}")
                continue
            if response.status_code == 404 and not self.discoverable(method, path):
                # A by-id path whose ids no list shows and no create makes: the documented "not found" is its answer.
                documented = operation.get("responses", {}).get("404", {}).get("description")
                if documented and response.json().get("Message") == documented:
                    counts[404] -= 1
                    counts["404 as documented"] = counts.get("404 as documented", 0) + 1
                    continue
            if response.status_code != 200:
                self.failures.add("answers", f"{what} → {response.status_code} {text}")
                continue
            schema = self.expected_schema(method, path, operation)
            if schema:
                try:
                    answer = response.json()
                except ValueError:
                    self.failures.add("answers", f"{what}: not JSON: {text}")
                    continue
                self.validate(what, answer, schema)
                self.check_values(what, answer)
        self.ids = {}  # deletes removed entities the cache named
        print(f"operations: {len(ordered)} called, answers by status {dict(sorted(((k, v) for k, v in counts.items() if v), key=str))}")
        return len(ordered)

    def discoverable(self, method, path):
        """Whether the test can find an existing id for every parameter of the path."""
        parts = segments(path)
        for index, part in enumerate(parts):
            if part.startswith("{") and not (index > 0 and parts[index - 1].lower() == "fiscal"):
                if not self.document.is_collection(key(parts[:index])):
                    return False
        return True

    def check_values(self, what, value, depth=0):
        """`…DaysFriendly` agrees with `…Days`; money has at most two decimals."""
        if depth > 4:
            return
        if isinstance(value, list):
            for item in value[:5]:
                self.check_values(what, item, depth + 1)
        elif isinstance(value, dict):
            for name, member in value.items():
                if name.endswith("DaysFriendly") and isinstance(member, str) and isinstance(value.get(name[:-8]), int):
                    day = datetime.date(1970, 1, 1) + datetime.timedelta(days=value[name[:-8]])
                    if member != day.strftime("%d-%m-%Y"):
                        self.failures.add("values", f"{what}: {name} {member!r} is not day {value[name[:-8]]} ({day})")
                if isinstance(member, float) and any(word in name for word in ("Amount", "Price", "Total")):
                    if abs(round(member * 100) - member * 100) > 1e-6:
                        self.failures.add("values", f"{what}: {name} {member} has more than two decimals")
                self.check_values(what, member, depth + 1)

    def collections(self):
        """Company collections with a list and a by-id read: (list path template, entity)."""
        for collection_key, entries in sorted(self.document.by_key.items()):
            entity, listing = self.document.list_entity(collection_key)
            if entity and "get" in self.document.by_key.get(collection_key + "/{}", {}) and listing == "paged":
                yield entries["get"][0], entity

    def reads_round_trip(self):
        checked = 0
        for path, entity in self.collections():
            concrete = self.concrete(path)
            listing = self.document.raw["paths"][path]["get"]
            listed = self.call("get", concrete, params={"pageSize": "1", **self.query_for(listing)})
            if listed.status_code != 200 or not listed.json().get("Entities"):
                self.failures.add("reads", f"GET {concrete}: {listed.status_code}, no entity to read")
                continue
            first = listed.json()["Entities"][0]
            read = self.call("get", f"{concrete}/{first['Id']}")
            checked += 1
            if read.status_code != 200 or read.json() != first:
                self.failures.add("reads", f"GET {concrete}/{first['Id']} differs from the list: {read.status_code} {read.text[:200]}")
        return checked

    def creates_round_trip(self):
        checked = 0
        for collection_key, entries in sorted(self.document.by_key.items()):
            if not self.document.creates(collection_key):
                continue
            by_id = self.document.by_key.get(collection_key + "/{}", {})
            if "get" not in by_id:
                continue
            path, operation = self.document.creates(collection_key)
            concrete = self.concrete(path)
            created = self.call("post", concrete, body=self.body_for(body_schema(operation), segments(concrete)))
            if created.status_code != 200:
                self.failures.add("creates", f"POST {concrete}: {created.status_code} {created.text[:200]}")
                continue
            answer = created.json()
            new_id = answer.get("Id", answer.get("AssignedId"))
            read_path = "/Api/" + "/".join(segments(self.concrete(by_id["get"][0]))[:-1] + [str(new_id)])
            read = self.call("get", read_path)
            checked += 1
            if read.status_code != 200 or read.json().get("Id") != new_id:
                self.failures.add("creates", f"POST {concrete} then GET {read_path}: {read.status_code} {read.text[:200]}")
                continue
            entity = read.json()
            if entity.get("Version") not in (1, None):
                self.failures.add("creates", f"POST {concrete}: Version {entity.get('Version')}, expected 1")
            if "put" in by_id and "Version" in entity:
                updated = self.call("put", read_path, body=entity)
                if updated.status_code != 200 or self.call("get", read_path).json().get("Version") != entity["Version"] + 1:
                    self.failures.add("updates", f"PUT {read_path}: {updated.status_code} {updated.text[:200]}")
                stale = self.call("put", read_path, body=entity)
                if stale.status_code != 409:
                    self.failures.add("updates", f"PUT {read_path} with a stale Version: {stale.status_code}, expected 409")
        return checked

    def bodies_are_validated(self):
        """For each write with a body: one forbidden value per kind of rule the schema states → 400 naming the field."""
        checked = 0
        for method, path, operation in self.document.operations:
            if method not in ("post", "put"):
                continue
            schema = body_schema(operation)
            if not schema:
                continue
            resolved = self.document.resolve(schema)
            properties = resolved.get("properties", {})
            if not properties:
                continue
            concrete = self.concrete(path)
            valid = self.body_for(schema, segments(concrete)) or {}
            if method == "put" and "get" in self.document.raw["paths"][path]:
                current = self.call("get", concrete, params=self.query_for(self.document.raw["paths"][path]["get"]))
                if current.status_code == 200 and isinstance(current.json(), dict):
                    valid = {**current.json(), **{k: v for k, v in valid.items() if current.json().get(k) is None}}
            for field, bad, why in self.forbidden_values(resolved, concrete):
                body = copy.deepcopy(valid)
                if bad is REMOVE:
                    body.pop(field, None)
                else:
                    body[field] = bad
                response = self.call(method, concrete, body=body)
                checked += 1
                answer = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
                errors = answer.get("Errors") if isinstance(answer, dict) else None
                paths = [error.get("Path") for error in errors if isinstance(error, dict)] if isinstance(errors, list) else []
                if response.status_code != 400 or field not in paths:
                    self.failures.add("bodies", f"{method.upper()} {concrete} with {why} in {field}: {response.status_code} {response.text[:200]}")
        return checked

    def forbidden_values(self, resolved, concrete):
        """One value of each kind the schema forbids, for the first property each rule applies to."""
        seen = set()
        properties = resolved.get("properties", {})
        for name in sorted(resolved.get("required", [])):
            if not properties.get(name, {}).get("readOnly"):
                yield name, REMOVE, "the required field left out"
                break
        for name, property in sorted(properties.items()):
            if property.get("readOnly") or "$ref" in property:
                continue
            kind = property.get("type")
            if kind == "integer" and "type" not in seen:
                seen.add("type")
                yield name, "not a number", "a string"
            if kind == "integer" and property.get("format") == "int32" and "int32" not in seen:
                seen.add("int32")
                yield name, 2 ** 31, "2^31"
            if kind == "string" and "maxLength" in property and "maxLength" not in seen:
                seen.add("maxLength")
                yield name, "x" * (property["maxLength"] + 1), "a string too long"
            if kind == "boolean" and "boolean" not in seen:
                seen.add("boolean")
                yield name, "yes", "a string"
            if (kind == "integer" and name.endswith("Id") and concrete.startswith("/Api/Fiscal/") and "reference" not in seen
                    and self.document.list_entity(key(["Fiscal", "{}", name[:-2]]))[0]):
                seen.add("reference")
                yield name, 999_999_999_999, "a missing entity"
            if "minimum" in property and "minimum" not in seen:
                seen.add("minimum")
                yield name, property["minimum"] - 1, "a number below the minimum"

    def references_resolve(self):
        checked = 0
        for path, entity in self.collections():
            if not path.startswith("/Api/Fiscal/{fiscalId}/") or path.count("{") > 1:
                continue
            concrete = self.concrete(path)
            listing = self.document.raw["paths"][path]["get"]
            listed = self.call("get", concrete, params={"forceNoPaging": "true", **self.query_for(listing)}).json().get("Entities", [])
            for item in listed[:3]:
                for field, value in item.items():
                    if not (field.endswith("Id") and len(field) > 2 and isinstance(value, int)) or field in ("FiscalSetupId",):
                        continue
                    target = f"fiscal/{{}}/{field[:-2].lower()}"
                    if not self.document.list_entity(target)[0] or "get" not in self.document.by_key.get(target + "/{}", {}):
                        continue
                    checked += 1
                    read = self.call("get", f"/Api/Fiscal/{ALICE_COMPANY}/{self.document.by_key[target]['get'][0].split('/')[-1]}/{value}")
                    if read.status_code != 200:
                        self.failures.add("references", f"{concrete} entity {item.get('Id')}: {field} {value} → {read.status_code}")
        return checked

    def parameters_are_checked(self):
        checked = 0
        for method, path, operation in self.document.operations:
            # Text where the last integer path parameter belongs: a 400 naming it (unless a literal path matches).
            path_parameters = {p["name"]: p for p in operation.get("parameters", []) if p.get("in") == "path"}
            last = segments(path)[-1]
            if method == "get" and last.startswith("{") and path_parameters.get(last[1:-1], {}).get("type") == "integer":
                concrete = "/".join(self.concrete(path).split("/")[:-1]) + "/not-a-number"
                response = self.call("get", concrete, params=self.query_for(operation))
                checked += 1
                if response.status_code != 400 or f"not valid for {last[1:-1]}" not in response.text:
                    self.failures.add("parameters", f"GET {concrete}: {response.status_code} {response.text[:150]}")
            query = [p for p in operation.get("parameters", []) if p.get("in") == "query"]
            required = [p for p in query if p.get("required")]
            typed = [p for p in query if p.get("type") in ("integer", "boolean", "number") and not is_list_option(p["name"])]
            if not required and not typed:
                continue
            concrete = self.concrete(path)
            base = self.query_for(operation)
            if required:
                missing = dict(base)
                missing.pop(required[0]["name"])
                response = self.call(method, concrete, params=missing, body=self.body_for(body_schema(operation), segments(concrete)))
                checked += 1
                if response.status_code != 400 or required[0]["name"] not in response.text:
                    self.failures.add("parameters", f"{method.upper()} {concrete} without {required[0]['name']}: {response.status_code} {response.text[:150]}")
            if typed:
                bad = {**base, typed[0]["name"]: "not-a-value"}
                response = self.call(method, concrete, params=bad, body=self.body_for(body_schema(operation), segments(concrete)))
                checked += 1
                if response.status_code != 400 or typed[0]["name"] not in response.text:
                    self.failures.add("parameters", f"{method.upper()} {concrete} with {typed[0]['name']}=not-a-value: {response.status_code} {response.text[:150]}")
        return checked

    def list_options_in_every_spelling(self):
        checked = 0
        spellings = ["listOptions.pageSize", "listOption.pageSize", "options.pageSize", "pageSize", "PageSize", "PAGESIZE", "ListOptions.PageSize"]
        for path, _ in self.collections():
            concrete = self.concrete(path)
            required = self.query_for(self.document.raw["paths"][path]["get"])
            total = self.call("get", concrete, params={"forceNoPaging": "true", **required}).json()
            if total.get("Count", 0) < 2:
                continue
            for spelling in spellings:
                answer = self.call("get", concrete, params={spelling: "1", **required}).json()
                checked += 1
                if len(answer.get("Entities", [])) != 1 or answer.get("Count") != total["Count"]:
                    self.failures.add("list options", f"GET {concrete}?{spelling}=1: {len(answer.get('Entities', []))} entities of {answer.get('Count')}")
            for spelling in ["forceNoPaging", "ForceNoPaging", "listOptions.forceNoPaging", "options.forceNoPaging"]:
                answer = self.call("get", concrete, params={spelling: "true", "pageSize": "1", **required}).json()
                checked += 1
                if len(answer.get("Entities", [])) != total["Count"]:
                    self.failures.add("list options", f"GET {concrete}?{spelling}=true&pageSize=1: {len(answer.get('Entities', []))} of {total['Count']}")
        return checked

    def other_methods_are_refused(self):
        checked = 0
        for path, item in sorted(self.document.raw["paths"].items()):
            documented = [m for m in METHODS if m in item]
            other = next((m for m in ["patch"] + METHODS if m not in documented), None)
            concrete = self.concrete(path)
            response = self.call(other, concrete, body={})
            checked += 1
            allowed = [m.strip().lower() for m in response.headers.get("Allow", "").split(",") if m.strip()]
            if response.status_code != 405 or sorted(allowed) != sorted(documented):
                self.failures.add("methods", f"{other.upper()} {concrete}: {response.status_code} Allow {allowed}, documented {documented}")
        return checked

    def authorization_and_tenants(self):
        """A sample of every area (the document's tags): no token → 401; another company's user → 403."""
        checked = 0
        sampled = set()
        for method, path, operation in self.document.operations:
            tag = (operation.get("tags") or ["?"])[0]
            if method != "get" or tag in sampled:
                continue
            sampled.add(tag)
            concrete = self.concrete(path)
            params = self.query_for(operation)
            response = self.call("get", concrete, token=None, params=params)
            checked += 1
            if response.status_code != 401 or "Bearer" not in response.headers.get("WWW-Authenticate", ""):
                self.failures.add("auth", f"GET {concrete} without a token: {response.status_code}")
            response = self.call("get", concrete, token="expired", params=params)
            checked += 1
            if response.status_code != 401 or "invalid_token" not in response.headers.get("WWW-Authenticate", ""):
                self.failures.add("auth", f"GET {concrete} with an expired token: {response.status_code}")
            if path.startswith("/Api/Fiscal/{fiscalId}/"):
                response = self.call("get", concrete, token="bob", params=params)
                checked += 1
                if response.status_code != 403:
                    self.failures.add("tenants", f"GET {concrete} as bob (not a member): {response.status_code} {response.text[:120]}")
        return checked

    def published_document(self):
        response = self.session.get(self.base + "/Api/swagger/docs/v1", timeout=30)
        document = response.json()
        problems = []
        if response.status_code != 200:
            problems.append(f"status {response.status_code}")
        if document.get("host") != f"127.0.0.1:{self.base.rsplit(':', 1)[1]}":
            problems.append(f"host {document.get('host')}")
        if "oauth2" not in document.get("securityDefinitions", {}):
            problems.append("no oauth2 security definition")
        if len(document.get("paths", {})) != len(self.document.raw["paths"]):
            problems.append("paths differ from the document")
        for problem in problems:
            self.failures.add("document", problem)
        return 1


REMOVE = object()


def is_list_option(name):
    lowered = name.lower()
    for prefix in ("listoptions.", "listoption.", "options.", "filter."):
        if lowered.startswith(prefix):
            lowered = lowered[len(prefix):]
    return lowered in ("page", "pagesize", "forcenopaging", "showdeactivated", "querystring")


def example_value(parameter):
    kind = parameter.get("type")
    if kind == "integer":
        return "20200" if parameter["name"].lower().endswith("days") or "date" in parameter["name"].lower() else "1"
    if kind == "number":
        return "1"
    if kind == "boolean":
        return "false"
    if kind == "array":
        return "1"
    if parameter.get("format") == "date-time":
        return "2025-03-14"
    return "da-DK" if "culture" in parameter["name"].lower() else "Standard"


def token(binary, issuer, user, expires_in=None):
    arguments = [binary, "token", "--issuer", issuer, "--user", user]
    if expires_in is not None:
        arguments += ["--expires-in", str(expires_in)]
    return subprocess.run(arguments, check=True, capture_output=True, text=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--verbose", action="store_true")
    arguments = parser.parse_args()
    document = Document(os.path.join(repository_root(), "fixtures", "api", "xena-api-swagger.json"))
    server = MockServer(arguments.binary, "--clock-offset", "0") if not os.environ.get("XENA_MOCK_PORT") else None
    try:
        tokens = {
            "alice": token(arguments.binary, server.issuer, "alice"),
            "bob": token(arguments.binary, server.issuer, "bob"),
        }
        surface = Surface(server, document, tokens, arguments.verbose)
        # An expired token: minted now, then the mock's clock moves past its hour.
        tokens["expired"] = token(arguments.binary, server.issuer, "alice", expires_in=1)
        checks = [
            ("answers", surface.every_operation_answers),
            ("reads", surface.reads_round_trip),
            ("creates", surface.creates_round_trip),
            ("bodies", surface.bodies_are_validated),
            ("references", surface.references_resolve),
            ("parameters", surface.parameters_are_checked),
            ("list options", surface.list_options_in_every_spelling),
            ("methods", surface.other_methods_are_refused),
            ("auth", surface.authorization_and_tenants),
            ("document", surface.published_document),
        ]
        import time
        time.sleep(1.1)  # the 1-second token has expired by the time the auth checks run
        for title, check in checks:
            count = check()
            surface.failures.report(title, count)
        if not server.alive:
            surface.failures.add("server", "xena-mock exited: " + server.output()[-500:])
    finally:
        server.stop()
    failures = surface.failures.items
    for failure in failures[:60 if not arguments.verbose else None]:
        print("  FAIL", failure)
    if failures:
        print(f"{len(failures)} failures")
        return 1
    print("the whole documented API answers as documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
