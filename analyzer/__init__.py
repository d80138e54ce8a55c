"""piflow: which personal information an Android app collects, where it goes, which rules that breaks."""

__version__ = "0.1.0"
