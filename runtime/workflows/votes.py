"""How the votes at an approval node decide it: 或签 (any), 会签 (all), majority.

>>> node_decision("any", ["approved", "pending"])
'approve'
>>> node_decision("all", ["approved", "pending"]) is None
True
>>> node_decision("majority", ["rejected", "rejected", "pending", "approved"])
'reject'
"""

from __future__ import annotations

from collections.abc import Sequence


def node_decision(policy: str, votes: Sequence[str]) -> str | None:
    """'approve', 'reject', or None while the votes cast so far decide nothing (votes: task statuses)."""
    total = len(votes)
    approvals = sum(vote == "approved" for vote in votes)
    rejections = sum(vote == "rejected" for vote in votes)
    if policy == "any":  # the first vote decides
        return "approve" if approvals else ("reject" if rejections else None)
    if policy == "all":  # every approver approves; one rejection rejects
        return "reject" if rejections else ("approve" if approvals == total else None)
    needed = total // 2 + 1  # majority: more than half
    if approvals >= needed:
        return "approve"
    return "reject" if total - rejections < needed else None
