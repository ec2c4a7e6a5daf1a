"""The worker process: what it builds once (:mod:`.process`), the queues it serves
(:mod:`.queues`), how it runs jobs without a fork per job and times them out (:mod:`.run`,
:mod:`.guard`), and its metrics (:mod:`.metrics`). Each domain's ``jobs.py`` is only the RQ
entry point of its own service."""
