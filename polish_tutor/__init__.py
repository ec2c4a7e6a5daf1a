"""Patient Polish Tutor: a Polish tutor that never rushes the learner."""

__version__ = "0.1.0"
