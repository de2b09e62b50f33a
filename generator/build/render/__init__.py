"""The linked model -> an OpenAPI 3.1 document (a plain dict, deterministic order).
"""
