"""shopkit: the small pieces behind the demo shop's checkout service."""

__version__ = "0.4.2"
