"""The recommendation engine: rules as data over declared facts, evaluated with a trace."""
