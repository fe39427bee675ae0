"""Plain values the team facade hands out (ARCHITECTURE §3: rows never leave the core)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class MemberInfo:
    member_id: str
    display_name: str
    clearance: str  # a classification name
    status: str  # 'active' or 'removed'
    is_admin: bool = False


@dataclass(frozen=True)
class TeamStatus:
    in_team: bool
    team_name: str = ""
    server: str = ""
    member_id: str = ""
    role: str = ""
    clearance: str = ""
    is_admin: bool = False
    request_pending: bool = False  # a request was made, the first refresh has not yet worked
    online: bool | None = None  # None: not asked; False: could not reach or log in
    problem: str = ""  # why not, when online is False
    members: list[MemberInfo] = field(default_factory=list)
    epochs: dict[str, int] = field(default_factory=dict)  # level name -> newest epoch held
