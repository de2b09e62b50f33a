"""A small docs tree with one list operation per pagination style, a project-scoped path and a PTR-like region path."""

from __future__ import annotations

from tests.rst_snippets import STATUS_200, page, table


def _list_page(title: str, uri: str, name: str, query: list[list[str]], fields: list[list[str]],
               nested: str) -> str:
    body = ("URI Parameters\n--------------\n\n"
            + table("Parameters in the URI", [["Parameter", "Mandatory", "Type", "Description"],
                                              ["project_id", "Yes", "String", "Project ID."], *query])
            + "Response Parameters\n-------------------\n\n**Status code: 200**\n\n"
            + table("Response body parameters", [["Parameter", "Type", "Description"], *fields])
            + nested + STATUS_200)
    return page(title, uri, body, name=name)


ITEM = table("Thing", [["Parameter", "Type", "Description"], ["id", "String", "Thing ID."],
                       ["name", "String", "Thing name."]], label="thing_item")
LINKS = table("Links", [["Parameter", "Type", "Description"], ["self", "String", "This page."],
                        ["next", "String", "The next page."]], label="thing_links")

MARKER = _list_page(
    "Querying Things", "GET /v2/{project_id}/things?marker={marker}&limit={limit}", "ListThings",
    [["marker", "No", "String", "Start resource ID of pagination query."],
     ["limit", "No", "Integer", "Number of resources on each page."]],
    [["things", ":ref:`Thing <thing_item>` array", "The things."],
     ["links", ":ref:`Links <thing_links>` object", "Links to this and the next page."]],
    ITEM + LINKS)

OFFSET = _list_page(
    "Querying Widgets", "GET /v2/{project_id}/widgets?offset={offset}&limit={limit}", "ListWidgets",
    [["offset", "No", "Integer", "Start offset of pagination query."],
     ["limit", "No", "Integer", "Number of resources on each page."]],
    [["widgets", ":ref:`Widget <widget_item>` array", "The widgets."],
     ["count", "Integer", "Total number."]],
    table("Widget", [["Parameter", "Type", "Description"], ["id", "String", "Widget ID."]], label="widget_item"))

PAGE = _list_page(
    "Querying Gadgets", "GET /v2/{project_id}/gadgets?page={page}&page_size={page_size}", "ListGadgets",
    [["page", "No", "String", "Page number. The value starts from 1."],
     ["page_size", "No", "Integer", "Number of gadgets on each page."]],
    [["gadgets", "Array of strings", "Gadget names."]],
    "")

UNCLEAR = _list_page(
    "Querying Gizmos", "GET /v2/{project_id}/gizmos?page={page}", "ListGizmos",
    [["page", "No", "Integer", "Which page."]],
    [["gizmos", "Array of strings", "Gizmo names."]],
    "")

SHOW = page("Querying a Thing", "GET /v2/{project_id}/regions/{region}/things/{thing_id}", (
    "URI Parameters\n--------------\n\n"
    + table("Parameters in the URI", [["Parameter", "Mandatory", "Type", "Description"],
                                      ["project_id", "Yes", "String", "Project ID."],
                                      ["thing_id", "Yes", "String", "Thing ID."],
                                      ["region", "Yes", "String", "Region."]])
    + "Response Parameters\n-------------------\n\n**Status code: 200**\n\n"
    + table("Response body parameters", [["Parameter", "Type", "Description"], ["id", "String", "Thing ID."]])
    + STATUS_200), name="ShowThing")

TREE = {
    "things/querying_things.rst": MARKER,
    "things/querying_widgets.rst": OFFSET,
    "things/querying_gadgets.rst": PAGE,
    "things/querying_gizmos.rst": UNCLEAR,
    "things/querying_a_thing.rst": SHOW,
}
