"""Third-party OpenAPI tools as test partners: linters (Spectral, Redocly) and a mock server (Prism)."""
