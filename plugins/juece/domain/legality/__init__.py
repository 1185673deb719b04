"""Legality review (R-E1 .. R-E4): the submission, the review rounds and the gate."""
