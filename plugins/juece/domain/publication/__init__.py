"""Publication (R-G1): the announcement of an approved decision."""
