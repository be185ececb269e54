"""The CODEOWNERS file computed from units' `owners` (FORMAT.md, Unit)."""

from __future__ import annotations

from cchc.schema.repository import Repository
from cchc.text import sort_key

HEADER = (
    "# Tệp này do `cchc codeowners` sinh ra từ trường owners của các đơn vị; đừng sửa tay.\n"
    "# Mỗi đơn vị: tệp của đơn vị, và tệp các mô hình do đơn vị xây dựng.\n"
)


def codeowners_text(repo: Repository) -> str:
    """One line per owned file: the unit's file, and the models whose origin it is."""
    lines: list[str] = []
    units = sorted(repo.units.values(), key=lambda u: sort_key(u.id))
    for unit in units:
        if not unit.owners:
            continue
        owners = " ".join(dict.fromkeys(unit.owners))
        lines.append(f"/data/units/{unit.id}.yaml {owners}")
        for model in sorted(repo.models.values(), key=lambda m: m.id):
            if unit.id in model.origins:
                lines.append(f"/data/models/{model.id}.yaml {owners}")
    return HEADER + "".join(line + "\n" for line in lines)
