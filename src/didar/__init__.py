"""didar: Persian and Arabic political news to structured, citeable event data."""

from didar.pipeline import extract, extract_document
from didar.record import Document
from didar.resources import Resources, load_resources

__version__ = "0.1.0"
__all__ = ["Document", "Resources", "__version__", "extract", "extract_document", "load_resources"]
