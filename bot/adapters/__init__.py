"""Thin adapters that carry the core's messages to and from a channel."""
