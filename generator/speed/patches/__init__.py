"""Exact shortcuts inside third-party libraries, each gated on the versions it was verified on.
"""
