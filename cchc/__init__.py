"""cchc: the administrative-reform (cải cách hành chính) model programme as data in git."""

__version__ = "0.1.0"
