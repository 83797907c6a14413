"""The price-engine service."""
