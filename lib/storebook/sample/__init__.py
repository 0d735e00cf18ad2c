"""The sample store: a fictional brand's raw exports, with planted truths (docs/sample_store.md)."""

from storebook.sample.generator import (
    GENERATOR_VERSION,
    PII_COLUMNS,
    TABLE_FOLDERS,
    generate_sample,
)

__all__ = ["GENERATOR_VERSION", "PII_COLUMNS", "TABLE_FOLDERS", "generate_sample"]
