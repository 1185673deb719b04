"""The archive and accountability (R-H1 .. R-H6, and the annual catalogue of R-A3): compliance, trace, overdue steps, archive numbers, search, personal data."""
