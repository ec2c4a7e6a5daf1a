"""The tutor's brain: the orchestrator and the pluggable drivers it delegates to."""
