"""ingest: the event-ingestion side of the analytics pipeline."""

__version__ = "1.3.0"
