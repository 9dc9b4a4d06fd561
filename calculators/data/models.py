"""Model shapes: layers, heads, KV heads, head size, MLA and sliding-window details.

Each :class:`~calculators.data.records.ModelSpec` is read from the model's published
``config.json`` (the Hugging Face repository named in ``source_url``) or its paper. The
values were read in archived copies of those files; ``status`` says VERIFIED where the copy
reproduced the file itself and SECONDARY where only a quotation or a re-typed table was seen.
``params_total`` (and ``params_active`` for mixture-of-experts models) is counted from the
tensor shapes the config implies (DERIVED; it matches the totals the model cards print) except
for DeepSeek-V3, whose counts come from its technical report. ``as_of`` is the release date the
model card states.

The records are in ``models.toml`` beside this module.
"""

from __future__ import annotations

from calculators.data.catalog_records import ModelSpec, catalog, lookup
from calculators.data.loader import load

__all__ = ["MODELS", "model"]

MODELS: dict[str, ModelSpec] = catalog("model", load("models")["model"])


def model(key: str) -> ModelSpec:
    """The model spec for ``key`` (KeyError listing the known keys)."""
    return lookup("model", MODELS, key)
