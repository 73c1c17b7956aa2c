"""KPIs (统计): every figure computed from the records.

Owns the one list of KPI definitions (``definitions``), statistical periods (``period``), the
engine (``engine``), chart series (``series``) and the Excel export (``export``).
"""
