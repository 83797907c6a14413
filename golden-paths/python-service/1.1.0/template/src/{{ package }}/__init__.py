"""The {{ name }} service."""
