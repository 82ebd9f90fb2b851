"""One module per vendor: its state, handlers and error shapes."""
