"""igtui: a terminal reader for Chinese/English internet-governance documents."""

__version__ = "0.1.0"
