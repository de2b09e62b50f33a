"""What the rendered document needs before it is checked: tag descriptions, linked statuses, examples.
"""
