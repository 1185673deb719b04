"""The archive (决策档案): a signed, self-verifying PDF/A-3b of a decision's record (R-H1..R-H3).

`fonts` is imported first: it points ReportLab's base font at an embedded CJK font before
any ReportLab platypus module is loaded, so no unembedded Helvetica reaches the archive.
"""

from juece.adapters.reporting import fonts as fonts  # noqa: F401 (import order matters)
