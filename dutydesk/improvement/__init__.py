"""Feedback and continuous improvement (反馈与持续改进).

Owns feedback (``feedback``), problems with their root cause (``problems``), corrective
actions (``actions``), improvement cycles with KPI snapshots (``cycles``), the meeting log
(``meetings``) and the analysis of common problems (``analysis``).
"""
