"""Pages -> a valid OpenAPI document: link, render, finish, check; `pipeline` runs them in order.
"""
