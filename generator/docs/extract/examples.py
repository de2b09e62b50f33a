"""Documented request and response examples: JSON parsed, XML kept as text, each filed under its status."""

from __future__ import annotations

import json
import re
import shlex
from typing import Any

from docutils import nodes

from generator.core.limits import ExampleRefused, load_example_json
from generator.core.model import DocOperation, Example, Response, Severity
from generator.docs.extract.context import STATUS_LINE_RE, PageContext, line_of, outside_tables
from generator.docs.extract.responses import first_success, reason
from generator.docs.extract.sections import METHODS, Sections


def read_examples(ctx: PageContext, op: DocOperation, sections: Sections) -> None:
    responses = {r.status: r for r in op.responses}
    sides = {"example_request": "request", "example_response": "response", "examples": "request",
             "request": "request", "response": "response", "request_elements": "request",
             "response_elements": "response"}
    for role, sec in sections:
        if role not in sides:
            continue
        side = sides[role]
        status: str | None = None
        for node in outside_tables(sec, nodes.paragraph, nodes.literal_block):
            if isinstance(node, nodes.paragraph):
                text = " ".join(node.astext().split())
                m = STATUS_LINE_RE.match(text)
                if m:
                    status = m.group(1)
                    side = "response"
                elif len(text) < 80 and re.search(r"\b(request|response)s?\b", text, re.I) and re.search(
                        r"\b(example|sample)s?\b", text, re.I):
                    # "Example request", "Response example", "Sample Response" label the next blocks
                    side = "request" if re.search(r"\brequests?\b", text, re.I) and not re.search(
                        r"\bresponses?\b", text, re.I) else "response"
                continue
            assert isinstance(node, nodes.literal_block)
            if role in ("request", "response") and not _looks_like_body(node.astext()):
                continue  # URL samples and response-line notes inside older Request/Response sections
            _example(ctx, op, node, side == "request", status, responses)


def _example(ctx: PageContext, op: DocOperation, block: nodes.literal_block, is_request: bool, status: str | None,
             responses: dict[str, Response]) -> None:
    text = block.astext()
    line = line_of(block)
    body, headers = strip_request_line(text)
    if not body.strip():
        return  # a request line only (GET, DELETE): nothing to validate
    if body.lstrip().startswith("<"):
        media = "text/html" if body.lstrip()[:5].lower() == "<html" else "application/xml"
        value = body
        ctx.diag(line, "example.xml", Severity.INFO, f"{media} example kept as text")
    else:
        if is_request:
            tabled = op.request_body is not None or op.request_body_type is not None
        else:
            tabled = any(r.body is not None or r.body_type is not None for r in responses.values())
        read = _json_body(ctx, text, body, line, tabled)
        if read is None:
            return
        media, value, line = read
    if is_request:
        if media != "application/json":
            op.request_media_type = media  # the documented body is XML: so is the request
        n = len(op.request_examples) + 1
        op.request_examples.append(Example(f"{op.operation_id}Request{'' if n == 1 else n}", media, value,
                                           ctx.src(line), None, True, headers))
        return
    http_status = re.search(r"^\s*HTTP/\d(?:\.\d)?\s+(\d{3})", text, re.M)
    st = status or (http_status.group(1) if http_status else None) or first_success(responses) or "200"
    if st.startswith("2") and _is_error_body(value):
        st = "default"  # an error body shown after "or" under the success example
        if st not in responses:
            error_resp = Response(st, "Error response (OTC error body)", ctx.src(line))
            responses[st] = error_resp
            op.responses.append(error_resp)
        ctx.diag(line, "example.error_body", Severity.INFO,
                 "response example is an error body; attached to the default response")
    resp = responses.get(st)
    if resp is None:
        ctx.diag(line, "example.undocumented_status", Severity.WARNING,
                 f"example for status {st}, which no table documents; status added")
        resp = responses[st] = Response(st, reason(st), ctx.src(line))
        op.responses.append(resp)
        op.responses.sort(key=lambda r: r.status)
    if media != "application/json" and not any(e.media_type == "application/json" for e in resp.examples):
        resp.media_type = media
    n = len(resp.examples) + 1
    resp.examples.append(Example(f"{op.operation_id}Response{st}{'' if n == 1 else n}", media, value,
                                 ctx.src(line), st, False, headers))


def xml_root_rows(ctx: PageContext, op: DocOperation) -> None:
    """An element row naming the root element of every XML example of its body (OBS 918d018 "Configuring an Object
    ACL": `AccessControlPolicy`, "a parent node of Owner, Delivered, and AccessControlList", beside those rows) is
    the document itself, not a field in it: the row leaves the body's fields, with a diagnostic. A row with a table
    of its own stays."""
    bodies = [(op.request_body, op.request_examples)] + [(r.body, r.examples) for r in op.responses]
    for body, examples in bodies:
        xml = [e.value for e in examples if e.media_type == "application/xml" and isinstance(e.value, str)]
        roots = {_xml_root(x) for x in xml}
        if body is None or len(roots) != 1 or None in roots:
            continue
        [root] = roots
        rows = [f for f in body.fields
                if f.name == root and not f.type.refs() and not f.desc_refs and len(body.fields) > 1]
        for f in rows:
            body.fields.remove(f)
            ctx.diag(f.source.line, "xml.root_row", Severity.INFO,
                     f"element '{root}' is the root of the body's XML examples: the document itself, not a field")


def _xml_root(text: str) -> str | None:
    m = re.match(r"\s*(?:<\?[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<([A-Za-z_][\w.\-]*)", text, re.S)
    return m.group(1) if m else None


def strip_request_line(text: str) -> tuple[str, dict[str, str]]:
    """Drop a leading `METHOD https://...` line and `Header: value` lines before a body."""
    if text.lstrip().startswith("curl "):
        return _curl_body(text)
    lines = text.splitlines()
    headers: dict[str, str] = {}
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped:
            i += 1
            continue
        if re.match(r"^(" + "|".join(METHODS) + r")\s+\S", stripped) or stripped.startswith("HTTP/"):
            i += 1
            continue
        hm = re.match(r"^([A-Za-z][A-Za-z0-9\-]*):\s*(.*)$", stripped)
        if hm and not stripped.startswith(("{", "[", '"')):
            headers[hm.group(1)] = hm.group(2)
            i += 1
            continue
        break
    return "\n".join(lines[i:]), headers


def _json_body(ctx: PageContext, text: str, body: str, line: int, tabled: bool) -> tuple[str, Any, int] | None:
    """(media type, value, line) of a sample body that is not XML, or None when it is dropped (with its diagnostic):
    a JSON document; the one JSON document of a walkthrough block (`_embedded_json`); or raw bytes, where the body
    is a bare value no table describes (OBS upload `1234567890`) or words in brackets standing for content
    (`[1024 Byte data content]`)."""
    try:
        value = load_example_json(body)
    except ExampleRefused as exc:  # valid JSON the spec cannot carry: this example only is dropped
        ctx.diag(line, exc.code, Severity.ERROR, f"example dropped: {exc}")
        return None
    except json.JSONDecodeError as exc:
        if _CONTENT_PLACEHOLDER.fullmatch(body.strip()):
            ctx.diag(line, "example.raw_body", Severity.INFO,
                     "a sample body of words in brackets standing for content: kept as the body's raw bytes")
            return "application/octet-stream", body.strip(), line
        embedded = _embedded_json(body)
        if embedded is None:
            ctx.diag(line + exc.lineno - 1, "example.invalid_json", Severity.ERROR,
                     f"example is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
            return None
        offset, json_text = embedded
        line += max(0, len(text.splitlines()) - len(body.splitlines())) + offset
        try:
            value = load_example_json(json_text)
        except ExampleRefused as refused:
            ctx.diag(line, refused.code, Severity.ERROR, f"example dropped: {refused}")
            return None
        ctx.diag(line, "example.embedded_json", Severity.INFO,
                 "the JSON of a code block that also holds steps or commands (a walkthrough) read as the example")
    if not isinstance(value, dict | list) and not tabled:
        ctx.diag(line, "example.raw_body", Severity.INFO,
                 "a sample body that is a bare value, not a JSON object or array: kept as the body's raw bytes")
        return "application/octet-stream", body.strip(), line
    return "application/json", value, line


# OBS "[1024 Byte data content]", "[Binary data]": a sample's stand-in for the bytes it sends
_CONTENT_PLACEHOLDER = re.compile(r"\[[A-Za-z0-9][^\[\]{}\"\n]*\]")


def _embedded_json(body: str) -> tuple[int, str] | None:
    """The one JSON document of a code block that also holds prose or commands around it (IAM "1. Create the
    temporary file ... {json} 2. Run the following command ... curl ..."): (its first line's offset in `body`, its
    text), or None. It starts at the first line that opens with `{` or `[` and must parse to its end; the text
    around it must not hold another line that opens or closes JSON, so a broken document or a second example is
    never cut down to a part."""
    lines = body.splitlines(keepends=True)
    starts = [i for i, ln in enumerate(lines) if ln.lstrip().startswith(("{", "["))]
    if not starts:
        return None
    first = starts[0]
    at = sum(len(ln) for ln in lines[:first])
    try:
        _, end = json.JSONDecoder().raw_decode(body, at + len(lines[first]) - len(lines[first].lstrip()))
    except (json.JSONDecodeError, RecursionError):  # too deep for the decoder: the block stays invalid, not a crash
        return None
    around = body[:at] + "\n" + body[end:]
    if not around.strip() or any(ln.lstrip().startswith(("{", "[", "}", "]", '"')) for ln in around.splitlines()):
        return None
    return first, body[at:end]


def _looks_like_body(text: str) -> bool:
    body, _ = strip_request_line(text)
    return body.lstrip().startswith(("{", "[", "<")) or _embedded_json(body) is not None


def _is_error_body(value: object) -> bool:
    if not isinstance(value, dict):
        return False
    keys = set(value)
    return keys == {"error"} or keys <= {"error_code", "error_msg", "request_id", "encoded_authorization_message"} \
        and "error_code" in keys or keys == {"code", "message"}


def _curl_body(text: str) -> tuple[str, dict[str, str]]:
    """The body and headers of a documented `curl ... -H 'K: V' -d '{...}'` call."""
    try:
        argv = shlex.split(text.replace("\\\n", " "))
    except ValueError:
        return "", {}
    headers: dict[str, str] = {}
    body = ""
    for flag, value in zip(argv, argv[1:], strict=False):
        if flag in ("-H", "--header") and ":" in value:
            k, _, v = value.partition(":")
            headers[k.strip()] = v.strip()
        elif flag in ("-d", "--data", "--data-raw", "--data-binary"):
            body = value
    for arg in argv:  # `-d'{...}'` glued to its flag
        if arg.startswith("-d") and len(arg) > 2 and not body:
            body = arg[2:]
    return body, headers
