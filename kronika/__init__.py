"""kronika: event data from Polish news, traceable to the sentence it came from."""

__version__ = "0.1.0"
