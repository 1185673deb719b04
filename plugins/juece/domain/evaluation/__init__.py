"""Implementation and post-decision evaluation (R-G2 .. R-G5)."""
