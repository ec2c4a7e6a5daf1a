"""Code with no domain of its own: database plumbing, errors, Redis."""
