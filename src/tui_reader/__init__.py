"""tui-reader: a terminal reader for classifieds portals."""

__version__ = "0.1.0"
