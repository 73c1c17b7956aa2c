"""Incidents (事件): what happened on duty and how it was handled.

Owns reference data (``reference``: severities, categories, sources), the lifecycle
report → acknowledge → resolve → close with notes and attachments (``service``,
``records``), reading the log (``query``), Chinese full-text search (``search``) and the
Excel/CSV export (``export``).
"""
