"""Measured content profiles: characters, UTF-8 bytes and tokens of each sample text, the ratios
between them, how far the rules of thumb land, the tokenizer run and the UTF-8 byte ranges.

    chars per token   c = C / T                                 [characters/token]
    bytes per token   b = B / T                                 [B/token]
    escape ratio      e = J / B                                 [ratio; 1 for plain ASCII prose]

Counts come from ``calculators/data/token_measurements.py`` (tiktoken ``o200k_base``, written
by ``scripts/measure_tokens.py``). References: RFC 3629; OpenAI "What are tokens and how to
count them?"; Anthropic glossary; ray-project/llm-numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from calculators.collect import Texts, table
from calculators.data import constant
from calculators.fields import require_choice
from calculators.data.token_measurements import MEASUREMENTS, TOKENIZER
from calculators.registry import ReferenceCheck, reference_check, register_check, register_table

__all__ = [
    "CONTENT_TYPES", "SPACE_SEPARATED", "TOKENIZER", "ContentProfile", "TokenizerInfo",
    "ImageTokens", "Utf8Range", "content_profile", "content_profiles", "image_tokens",
    "openai_rule_check", "tokenizer_info", "utf8_ranges",
]

#: Content types and languages measured, in page order: key, label.
CONTENT_TYPES: tuple[tuple[str, str], ...] = (
    ("english_prose", "English prose"),
    ("python_code", "Python code"),
    ("json", "JSON"),
    ("chinese", "Chinese"),
    ("japanese", "Japanese"),
    ("arabic", "Arabic"),
    ("emoji", "Emoji-heavy chat"),
    ("base64", "Base64"),
)

#: Content whose words are separated by spaces, where a tokens-per-word rule can apply at all.
SPACE_SEPARATED: frozenset[str] = frozenset(
    {"english_prose", "python_code", "json", "arabic", "emoji"}
)

_RULE_KEYS = (
    "openai_english_chars_per_token",
    "claude_english_chars_per_token",
    "llm_numbers_tokens_per_word",
)


def _label(content_type: str) -> str:
    return require_choice("content_type", content_type, CONTENT_TYPES)


@dataclass(frozen=True)
class ContentProfile:
    """One measured sample: its counts, its ratios, and how far each rule of thumb lands."""

    content_type: str
    label: str
    space_separated: bool
    # counts of the sample [characters, B, words, tokens]
    num_chars: int
    num_utf8_bytes: int
    num_words: int
    num_tokens: int
    num_tokens_second_encoding: int
    num_json_bytes_utf8: int
    num_json_bytes_ascii: int
    num_chars_1_byte: int
    num_chars_2_bytes: int
    num_chars_3_bytes: int
    num_chars_4_bytes: int
    # ratios
    chars_per_token: float
    bytes_per_token: float
    bytes_per_char: float
    tokens_per_word: float
    chars_per_token_second_encoding: float
    second_encoding_tokens_ratio: float
    json_utf8_escape_ratio: float
    json_ascii_escape_ratio: float
    # rules of thumb applied to the sample [tokens], and their error against the tokenizer
    openai_rule_tokens: float
    claude_rule_tokens: float
    words_rule_tokens: float
    openai_rule_error_ratio: float
    claude_rule_error_ratio: float
    words_rule_error_ratio: float
    #: keys of the records behind this profile (listed by the page's sources table)
    constants: Texts


def content_profile(content_type: str) -> ContentProfile:
    """Counts and ratios of the measured sample of ``content_type``.

    ``*_error_ratio = rule tokens / measured tokens - 1``: positive when the rule predicts
    more tokens than the tokenizer counted. Raises ``ValueError`` for an unknown type.
    """
    label = _label(content_type)
    m = MEASUREMENTS[content_type]
    chars = m["num_chars"]
    size = m["num_utf8_bytes"]
    tokens = m["num_tokens"]
    words = m["num_words"]
    openai = chars / constant("openai_english_chars_per_token").value
    claude = chars / constant("claude_english_chars_per_token").value
    by_words = words * constant("llm_numbers_tokens_per_word").value
    return ContentProfile(
        content_type=content_type,
        label=label,
        space_separated=content_type in SPACE_SEPARATED,
        num_chars=chars,
        num_utf8_bytes=size,
        num_words=words,
        num_tokens=tokens,
        num_tokens_second_encoding=m["num_tokens_second_encoding"],
        num_json_bytes_utf8=m["num_json_bytes_utf8"],
        num_json_bytes_ascii=m["num_json_bytes_ascii"],
        num_chars_1_byte=m["num_chars_1_byte"],
        num_chars_2_bytes=m["num_chars_2_bytes"],
        num_chars_3_bytes=m["num_chars_3_bytes"],
        num_chars_4_bytes=m["num_chars_4_bytes"],
        chars_per_token=chars / tokens,
        bytes_per_token=size / tokens,
        bytes_per_char=size / chars,
        tokens_per_word=tokens / words,
        chars_per_token_second_encoding=chars / m["num_tokens_second_encoding"],
        second_encoding_tokens_ratio=m["num_tokens_second_encoding"] / tokens,
        json_utf8_escape_ratio=m["num_json_bytes_utf8"] / size,
        json_ascii_escape_ratio=m["num_json_bytes_ascii"] / size,
        openai_rule_tokens=openai,
        claude_rule_tokens=claude,
        words_rule_tokens=by_words,
        openai_rule_error_ratio=openai / tokens - 1,
        claude_rule_error_ratio=claude / tokens - 1,
        words_rule_error_ratio=by_words / tokens - 1,
        constants=_RULE_KEYS,
    )


def content_profiles() -> tuple[ContentProfile, ...]:
    """Every measured content type, in page order."""
    return tuple(content_profile(key) for key, _ in CONTENT_TYPES)


@dataclass(frozen=True)
class TokenizerInfo:
    """Which tokenizer produced the measurements, for the page to name it."""

    encoding: str
    second_encoding: str
    tiktoken_version: str
    encoding_files_package: str
    encoding_files_package_version: str
    encoding_sha256: str
    second_encoding_sha256: str


def tokenizer_info() -> TokenizerInfo:
    """The tokenizer and encoding-file versions recorded with the measurements."""
    return TokenizerInfo(**TOKENIZER)


@dataclass(frozen=True)
class Utf8Range:
    """One row of RFC 3629's table: code points that take ``num_bytes`` bytes each."""

    num_bytes: int
    first_code_point: int
    last_code_point: int
    constants: Texts


@table
def utf8_ranges() -> Iterator[Utf8Range]:
    """Code-point ranges by UTF-8 width [bytes per code point], from the RFC 3629 records."""
    keys = ("utf8_max_code_point_1_byte", "utf8_max_code_point_2_bytes",
            "utf8_max_code_point_3_bytes", "utf8_max_code_point_4_bytes")
    limits = [int(constant(key).value) for key in keys]
    first = 0
    for index, last in enumerate(limits):
        used = keys[max(0, index - 1): index + 1]
        yield Utf8Range(index + 1, first, last, used)
        first = last + 1


@dataclass(frozen=True)
class ImageTokens:
    """One image sent as Base64: what it is billed as an image, and what the same Base64
    would count as text (the measured Base64 sample's characters per token)."""

    width_px: int
    height_px: int
    image_bytes: int
    base64_chars: int
    image_tokens: float
    base64_text_tokens: float
    text_to_image_ratio: float
    constants: Texts = ("anthropic_image_pixels_per_token",)


def image_tokens(width_px: int = 1000, height_px: int = 1000,
                 image_bytes: int = 200_000) -> ImageTokens:
    """An example image (a megapixel JPEG of about 200 kB): tokens = pixels / 750 on Anthropic,
    against its Base64 (4 characters per 3 bytes) counted as if it were text."""
    pixels = width_px * height_px
    tokens = pixels / constant("anthropic_image_pixels_per_token").value
    chars = 4 * -(-image_bytes // 3)
    as_text = chars / content_profile("base64").chars_per_token
    return ImageTokens(width_px, height_px, image_bytes, chars, tokens, as_text, as_text / tokens)


def openai_rule_check() -> ReferenceCheck:
    """OpenAI's published rule of thumb (about 4 characters a token in English) against the
    characters per token measured on the English sample with o200k_base."""
    measured = content_profile("english_prose").chars_per_token
    rule = constant("openai_english_chars_per_token")
    return reference_check(
        "openai_chars_per_token",
        f"English characters per token: measured on this site's sample with "
        f"{TOKENIZER['encoding']} against {rule.source_title}",
        measured, rule.value, "characters per token", (rule.key,),
    )


register_check("openai_chars_per_token", openai_rule_check)
register_table("image_tokens", image_tokens)
register_table("content_profiles", content_profiles)
register_table("content_profile", content_profile)
register_table("tokenizer_info", tokenizer_info)
register_table("utf8_ranges", utf8_ranges)
