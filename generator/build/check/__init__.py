"""Is the document valid and what the docs show? Findings, then repairs at the smallest scope.
"""
