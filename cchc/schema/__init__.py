"""The data format of FORMAT.md as pydantic models, one module per file kind."""

from cchc.schema.document import Block, Document, ModelEntry, Recipient, Signer
from cchc.schema.indicator import Indicator, IndicatorList
from cchc.schema.model import Implementers, Model, ModelEvent, Monitors
from cchc.schema.unit import Adoption, AdoptionEvent, Result, Unit

__all__ = [
    "Adoption",
    "AdoptionEvent",
    "Block",
    "Document",
    "Implementers",
    "Indicator",
    "IndicatorList",
    "Model",
    "ModelEntry",
    "ModelEvent",
    "Monitors",
    "Recipient",
    "Result",
    "Signer",
    "Unit",
]
