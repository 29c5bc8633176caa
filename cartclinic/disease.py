"""Which disease a patient is followed for, read from the diagnosis text, and the disease-status
choices that disease's response criteria give (CLINICAL.md, "Events and statuses"): B-ALL,
lymphoma (Lugano) and myeloma (IMWG). A diagnosis the words below do not name gets the full
list, and the record dialog says why."""

from __future__ import annotations

import re

from cartclinic.model import DISEASE_STATUSES

B_ALL, LYMPHOMA, MYELOMA = "b-all", "lymphoma", "myeloma"

STATUSES_BY_DISEASE: dict[str, tuple[str, ...]] = {
    B_ALL: ("CR", "CRi", "MRD-negative CR", "MRD-positive", "relapse CD19-negative",
            "relapse CD19-positive", "not assessed"),
    LYMPHOMA: ("CMR", "PMR", "SD", "PD", "not assessed"),  # Lugano (PET-CT)
    MYELOMA: ("sCR", "CR", "VGPR", "PR", "MR", "SD", "PD", "MRD-negative", "not assessed"),  # IMWG
}

# whole words of the diagnosis text; upper-case "ALL" only, so "all" in a sentence is not B-ALL
# and the Chinese a Chinese clinic writes: 骨髓瘤 (myeloma), 急性淋巴细胞白血病 or 急淋 (ALL),
# 淋巴瘤 (lymphoma)
_PATTERNS = (
    (MYELOMA, re.compile(r"\bmyeloma\b|\bMM\b|\bRRMM\b|骨髓瘤", re.IGNORECASE)),
    (B_ALL, re.compile(r"\bB-?ALL\b|\bALL\b|\bB-cell ALL\b|acute lymphoblastic", 0)),
    (B_ALL, re.compile(r"acute lymphoblastic|\bB-ALL\b|急性(B)?淋巴细胞白血病|急淋",
                       re.IGNORECASE)),
    (LYMPHOMA, re.compile(r"lymphoma|\bD?LBCL\b|\bMCL\b|\bPMBCL\b|\bFL\b|\btFL\b|\bMZL\b|"
                          r"\bHGBL\b|淋巴瘤", re.IGNORECASE)),
)


def disease_of(diagnosis: str) -> str | None:
    """b-all, lymphoma or myeloma from the diagnosis text, or None if it names none (or two)."""
    found = {disease for disease, pattern in _PATTERNS if pattern.search(diagnosis or "")}
    return found.pop() if len(found) == 1 else None


def status_choices(diagnosis: str) -> tuple[str | None, tuple[str, ...]]:
    """The disease read from the diagnosis and its status choices; the full list without one."""
    disease = disease_of(diagnosis)
    if disease is None:
        full = list(DISEASE_STATUSES)
        for choices in STATUSES_BY_DISEASE.values():
            full += [c for c in choices if c not in full]
        return None, tuple(full)
    return disease, STATUSES_BY_DISEASE[disease]
