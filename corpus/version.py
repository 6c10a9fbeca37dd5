"""The version of the published corpus files (semantic versioning; see DATASET_CARD.md)."""

CORPUS_VERSION = "1.1.0"
