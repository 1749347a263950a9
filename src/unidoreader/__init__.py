"""unidoreader: a desktop reader for the Chinese-language reports of UNIDO's governing bodies."""

__version__ = "0.1.0"
