"""The organisation index: a row per tree with its figures and links, totals that add up, every cell escaped."""

from __future__ import annotations

from generator.report.as_index import IndexRow, render_index


def test_rows_totals_and_links() -> None:
    rows = [IndexRow("dns@83bb279", "Domain Name Service", 57, 25, 31, 2, 4, True,
                     links=(("spec", "dns@83bb279.openapi.yaml"), ("api.md", "clients/dns@83bb279/api.md"))),
            IndexRow("broken@1", "Broken", 3, 0, None, 0, 1, False, "no valid spec")]
    page = render_index(rows)
    assert ("<p>2 docs trees, 1 specs written, 1 failed; 25 operations, 2 documentation defects, "
            "5 error diagnostics") in page
    assert ('<tr><td>dns@83bb279</td><td>Domain Name Service</td><td class="n">57</td><td class="n">25</td>'
            '<td class="n">31</td><td class="n">2</td><td class="n">4</td><td>ok</td>'
            '<td><a href="dns%4083bb279.openapi.yaml">spec</a> · <a href="clients/dns%4083bb279/api.md">api.md</a>'
            "</td></tr>") in page
    assert '<tr class="bad"><td>broken@1</td>' in page and "<td>FAILED: no valid spec</td>" in page
    assert "<td>–</td>" in page  # no client generated: no function count


def test_hostile_names_stay_text() -> None:
    row = IndexRow('x"><script>1</script>', "<b>t</b>", 1, 1, 1, 0, 0, True,
                   links=(("<i>spec</i>", 'javascript:alert(1)"'),))
    page = render_index([row])
    assert "<script>" not in page and "<b>t" not in page and "<i>spec" not in page
    assert 'href="javascript%3Aalert%281%29%22"' in page  # a relative path, never a scheme
