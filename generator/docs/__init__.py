"""One RST page -> `Page`: read (docutils), extract (tables, sections, examples), prose, naming.
"""
