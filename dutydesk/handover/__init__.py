"""Handover (交接班): how a shift passes to the next one.

Owns checklist templates (``templates``), the handover record with its dual sign-off, lock
and amendments (``service``, ``signoff``, ``records``), open items carried from shift to
shift (``open_items``), which handover is due from the roster (``proposal``) and what a
shift report shows (``shift_report``).
"""
