"""Public participation (R-B1 .. R-B7): the draft, public comments, hearings, other channels, and the dispositions of comments and opinions."""
