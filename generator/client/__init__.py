"""Stage 5: spec -> generated client project with conformance tests.

openapi-python-client (pinned) writes the package from a *client view* of the spec: the same API
with the constructs it would silently mishandle worked around (each workaround is a diagnostic).
Then jinja2 templates add what it cannot: the OTC runtime (auth, endpoints, errors, retries) and
the conformance tests.

- `view`: the client view passes (schemas, enums, media types, parameters, operationIds);
- `class_names`: the class names the generator will derive, made unique;
- `names`: the names the generator gives models, endpoints and parameters, read from its parser;
- `conformance`: the conformance-test cases as data;
- `project`: running the generator and writing the project (version and changelog passed in);
- `common`: what they share.
"""

from generator.client.common import CodegenError
from generator.client.conformance import conformance_data
from generator.client.project import CodegenResult, generate_client
from generator.client.view import client_view

__all__ = ["CodegenError", "CodegenResult", "client_view", "conformance_data", "generate_client"]
