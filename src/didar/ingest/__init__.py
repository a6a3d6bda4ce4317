"""didar.ingest: readers that expand inputs into articles, and the batch runner that extracts
and stores them."""

from didar.ingest.readers import Item, ReadFailure, ReadResult, count_items, expand

__all__ = ["Item", "ReadFailure", "ReadResult", "count_items", "expand"]
