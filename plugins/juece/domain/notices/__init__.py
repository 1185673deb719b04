"""Notices of human tasks: who is told what (opened, reminder, escalation, digest), in Chinese first
with English, and which steps the daily round reminds, escalates and lists."""
