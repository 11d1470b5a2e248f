"""phoihop: coordination programmes between a Vietnamese press agency and its partner units."""

__version__ = "0.1.0"
