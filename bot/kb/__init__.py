"""The knowledge base: entries loaded from YAML and a search that reads everyday Indonesian."""
