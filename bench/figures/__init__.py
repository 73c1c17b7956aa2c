"""One module per figure of issue 18's table; ``bench.runner`` runs them in this order."""

FIGURES = (
    "startup",
    "memory",
    "search",
    "incident_list",
    "shift_pdf",
    "kpi",
    "roster",
    "roster_month",
    "roster_model",
    "manual",
    "backup",
    "verify",
)
