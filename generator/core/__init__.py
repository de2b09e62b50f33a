"""Shared vocabulary of every stage: the model, the Type grammar, reading a spec, config, output, bounds.

Imports nothing else of `generator`.
"""
