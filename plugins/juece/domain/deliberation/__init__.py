"""Collective deliberation (R-F1 .. R-F5): the meeting, each member's view, the head's decision."""
