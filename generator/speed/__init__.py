"""Everything that makes the pipeline faster and must not change one output byte.

Caches, parallel extraction, validator memory and patches of third-party internals.
"""
