"""Not needed at run time: corpus figures, pinned names, ecosystem partners.
"""
