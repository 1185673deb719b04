"""The record itself (R-H1, R-H2): acts, the hash chain, moments and periods, the working-day calendar, refusals, and the answers people give through their forms."""
