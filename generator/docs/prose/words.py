"""The vocabulary several readers share: numbers (as digits or words), marked values, markup taken out, and the
words that make stated values examples rather than a rule."""

from __future__ import annotations

import re

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "fifty": 50,
    "hundred": 100,
}
NUM = r"(-?\d[\d,]*(?:\.\d+)?)"


def num(text: str) -> int | float:
    t = text.replace(",", "")
    return float(t) if "." in t else int(t)


def plain(s: str) -> str:
    """Markup and thousands separators out: `**1,000**` -> `1000`."""
    s = s.replace("**", "").replace("`", "")
    return re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)


def prose_marked(s: str) -> list[str]:
    return [next(g for g in m.groups() if g) for m in re.finditer(r"\*\*(.+?)\*\*(?!\*)|`([^`]+)`", s)]


# words that make listed values examples wherever they stand in the sentence (narrower than `EXAMPLE_ONLY`,
# which also reads "example" and "recommended" before the values)
EXAMPLE_WORDS = re.compile(r"\b(?:for example|for instance|e\.g\.?|such as|commonly used|typical(?:ly)?|"
                           r"common values?)", re.I)
EXAMPLE_ONLY = re.compile(r"\b(?:for example|for instance|e\.g\.?|such as|commonly used|example|typical(?:ly)?|"
                          r"recommended|suggested|like)\b", re.I)

# a lead that opens with example words and closes on a colon: "Example:", "Examples:", "key_id is the key ID. For
# example:"; what follows it (a list, a paragraph) shows examples, never the field's set of values
_EXAMPLE_LEAD = re.compile(r"(?:^|[.;:]\s+)(?:examples?|for example|for instance|e\.g\.?)(?: values?)?\s*[:：]\s*$",
                           re.I)


def introduces_example(lead: str) -> bool:
    """Whether the last sentence of a paragraph is an "Example:" label for what follows it."""
    return bool(_EXAMPLE_LEAD.search(lead.strip()))
