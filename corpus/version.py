"""The version of the published corpus files (semantic versioning; see DATASET_CARD.md)."""

CORPUS_VERSION = "0.9.0"
