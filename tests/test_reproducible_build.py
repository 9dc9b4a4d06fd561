"""Two builds of the same tree are byte-identical (issue 4).

The one volatile field in a MkDocs 1.6 build is the build date, which MkDocs writes as
``<lastmod>`` into ``sitemap.xml`` (and into ``sitemap.xml.gz``, as content and as the gzip
header's mtime). ``SOURCE_DATE_EPOCH`` fixes it: the Pages workflow sets it to the last
commit's time, so ``lastmod`` is the date of the commit that produced the page.

- With ``SOURCE_DATE_EPOCH`` set, two builds are compared byte for byte, every file, no
  exclusions.
- A build without ``SOURCE_DATE_EPOCH`` (as ``mkdocs build`` run by hand) equals them
  everywhere except that named field.
- The first build renders every macro (``MACROS_CACHE=off``); the others take pages from the
  macros' build cache (macros/cache.py), so the byte-for-byte comparison also shows that a
  page from the cache is the page its macros render.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from conftest import ROOT, build_site

FIXED_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
FIXED_DATE = "2026-01-01"
VOLATILE = {"sitemap.xml": "<lastmod> (the build date)", "sitemap.xml.gz": "<lastmod> + gzip mtime"}


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    """Names of files missing from one side or whose bytes differ."""
    return sorted(n for n in set(a) | set(b) if a.get(n) != b.get(n))


def without_build_date(name: str, data: bytes) -> bytes:
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return re.sub(rb"<lastmod>[^<]*</lastmod>", b"<lastmod/>", data)


@pytest.fixture(scope="module")
def builds(tmp_path_factory, site_port) -> dict[str, Path]:
    """Three back-to-back builds of the working tree: with SOURCE_DATE_EPOCH, without, with."""
    outs = {}
    for name, epoch in (("first", FIXED_EPOCH), ("unfixed", None), ("second", FIXED_EPOCH)):
        out = tmp_path_factory.mktemp(f"repro-{name}")
        with pytest.MonkeyPatch.context() as mp:
            if name == "first":
                mp.setenv("MACROS_CACHE", "off")
            else:
                mp.delenv("MACROS_CACHE", raising=False)
            if epoch is None:
                mp.delenv("SOURCE_DATE_EPOCH", raising=False)
            else:
                mp.setenv("SOURCE_DATE_EPOCH", epoch)
            proc = build_site(ROOT, out, f"http://127.0.0.1:{site_port}/")
        assert proc.returncode == 0, proc.stdout + proc.stderr
        outs[name] = out
    return outs


def test_two_builds_are_byte_identical(builds):
    first, second = files(builds["first"]), files(builds["second"])
    assert len(first) > 10
    assert differences(first, second) == [], "files differ between two builds"


def test_source_date_epoch_sets_the_sitemap_date(builds):
    sitemap = (builds["first"] / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap))
    assert dates == {FIXED_DATE}


def test_only_the_named_volatile_field_differs_without_source_date_epoch(builds):
    fixed, unfixed = files(builds["first"]), files(builds["unfixed"])
    assert sorted(fixed) == sorted(unfixed)
    different = []
    for name, data in fixed.items():
        if name in VOLATILE:
            if without_build_date(name, data) != without_build_date(name, unfixed[name]):
                different.append(f"{name} (beyond its volatile {VOLATILE[name]})")
        elif data != unfixed[name]:
            different.append(name)
    assert not different, f"files differ beyond the named volatile field: {different}"


def test_the_comparison_sees_a_one_byte_change(builds, tmp_path):
    """The comparison above can fail: flip one byte of a copy and it is reported."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(builds["first"], copy)
    target = next(p for p in sorted(copy.rglob("*.html")))
    data = bytearray(target.read_bytes())
    data[-2] ^= 1
    target.write_bytes(bytes(data))
    assert differences(files(builds["first"]), files(copy)) == [
        target.relative_to(copy).as_posix()]
