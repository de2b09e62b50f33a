"""Small hand-made specs in the shape our builder emits, for rule-level tests."""

from __future__ import annotations

import copy
from typing import Any


def src(file: str, line: int) -> dict[str, Any]:
    return {"file": file, "line": line}


def base_spec() -> dict[str, Any]:
    """A notebook service with one update operation (request body with nested items) and one list."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "ModelArts", "version": "1.0.0", "x-service": "modelarts"},
        "paths": {
            "/v1/{project_id}/notebooks/{id}": {
                "put": {
                    "operationId": "UpdateNotebook",
                    "tags": ["Notebook"],
                    "summary": "Updating a Notebook Instance",
                    "description": "Update a notebook instance.",
                    "x-source": src("nb/update.rst", 5),
                    "parameters": [
                        {
                            "name": "project_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                            "description": "Project ID.",
                            "x-source": src("nb/update.rst", 30),
                        },
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                            "description": "Notebook ID.",
                            "x-source": src("nb/update.rst", 32),
                        },
                        {
                            "name": "limit",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "format": "int32", "maximum": 100},
                            "description": "Page size.",
                            "x-source": src("nb/update.rst", 34),
                        },
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/UpdateNotebookRequest"}}
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "OK",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/UpdateNotebookResponse"}}
                            },
                        },
                        "400": {"description": "Bad request"},
                    },
                }
            },
            "/v1/{project_id}/notebooks": {
                "get": {
                    "operationId": "ListNotebooks",
                    "tags": ["Notebook"],
                    "summary": "Querying Notebook Instances",
                    "x-source": src("nb/list.rst", 5),
                    "parameters": [
                        {
                            "name": "project_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                            "x-source": src("nb/list.rst", 20),
                        }
                    ],
                    "responses": {"200": {"description": "OK"}},
                }
            },
        },
        "components": {
            "schemas": {
                "UpdateNotebookRequest": {
                    "type": "object",
                    "x-source": src("nb/update.rst", 40),
                    "properties": {
                        "name": {
                            "type": "string",
                            "maxLength": 64,
                            "description": "Name.",
                            "x-source": src("nb/update.rst", 42),
                        },
                        "flavor": {
                            "type": "string",
                            "enum": ["small", "large"],
                            "x-source": src("nb/update.rst", 44),
                        },
                        "endpoints": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/EndpointsReq"},
                            "x-source": src("nb/update.rst", 46),
                        },
                    },
                },
                "EndpointsReq": {
                    "type": "object",
                    "x-source": src("nb/update.rst", 58),
                    "properties": {
                        "allowed_access_ips": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "Public IPs.",
                            "x-source": src("nb/update.rst", 63),
                        },
                        "dev_service": {
                            "type": "string",
                            "enum": ["NOTEBOOK", "SSH"],
                            "description": "Supported service. Options:",
                            "x-source": src("nb/update.rst", 65),
                        },
                        "ssh_keys": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "Name of the SSH key pair.",
                            "x-source": src("nb/update.rst", 71),
                        },
                    },
                },
                "UpdateNotebookResponse": {
                    "type": "object",
                    "x-source": src("nb/update.rst", 200),
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string", "x-source": src("nb/update.rst", 202)},
                        "status": {
                            "type": "string",
                            "enum": ["RUNNING", "STOPPED"],
                            "x-source": src("nb/update.rst", 204),
                        },
                        "count": {
                            "type": "integer",
                            "format": "int32",
                            "maximum": 1000,
                            "x-source": src("nb/update.rst", 206),
                        },
                        "lease": {"$ref": "#/components/schemas/Lease"},
                    },
                },
                "Lease": {
                    "type": "object",
                    "x-source": src("nb/update.rst", 220),
                    "properties": {
                        "duration": {
                            "type": "integer",
                            "format": "int64",
                            "x-source": src("nb/update.rst", 222),
                        }
                    },
                },
            }
        },
    }


def clone(spec: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(spec)


UPDATE = ("/v1/{project_id}/notebooks/{id}", "put")


def op(spec: dict[str, Any], path: str = UPDATE[0], method: str = UPDATE[1]) -> dict[str, Any]:
    result: dict[str, Any] = spec["paths"][path][method]
    return result


def schemas(spec: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = spec["components"]["schemas"]
    return result
