"""The simulated API server: resource types, errors, selectors, validation, defaults and the store."""
