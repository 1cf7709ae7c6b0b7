"""One module per kubectl verb; each defines COMMAND (or COMMANDS)."""
