"""The fictional demo province (sample data only; no real people or units), one module per app.

Shapes follow the published reports: DEMO-HUYEN like seed 000 (22 chi bộ cơ sở, 24 đảng
bộ cơ sở holding 221 chi bộ trực thuộc), DEMO-KHOI like seed 001 (43 đảng bộ cơ sở, 30
chi bộ cơ sở). On 1/7/2025 DEMO-HUYEN is split into new commune-level đảng bộ and
dissolved, as the 2025 restructuring did to every district. Building is idempotent.

Modules: `organisations` (the tree, its codes and place words, the log-ins), `members`, `documents`,
`activities` (campaigns and rounds with attendance), `training`, `meetings`, `emulation` (làm theo registrations,
commitments, good models, recognitions), `feedback` (briefings, opinions, recommendations upward, communication
counts), `pressing` (pressing issues), `evaluation` (the yearly ratings and self-criticism meetings), `inspection`
(inspection and supervision plans). Each
reads only the modules before it, never this package's namespace, so there is no import cycle; `build_demo`
calls them in order, each through its module so that tests may replace one builder.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from xaydungdang.demo import activities as demo_activities
from xaydungdang.demo import documents as demo_documents
from xaydungdang.demo import emulation as demo_emulation
from xaydungdang.demo import evaluation as demo_evaluation
from xaydungdang.demo import feedback as demo_feedback
from xaydungdang.demo import inspection as demo_inspection
from xaydungdang.demo import meetings as demo_meetings
from xaydungdang.demo import members as demo_members
from xaydungdang.demo import organisations as demo_organisations
from xaydungdang.demo import pressing as demo_pressing
from xaydungdang.demo import training as demo_training
from xaydungdang.demo.members import DemoMembers
from xaydungdang.demo.organisations import ADMIN_LABEL, BLOC, DISTRICT, PASSWORD, PROVINCE

__all__ = ["BLOC", "DISTRICT", "PASSWORD", "PROVINCE", "DemoResult", "build_demo"]


@dataclass
class DemoResult:
    created: bool
    users: list[tuple[str, str, str]]  # user name, password, position – organisation (code)
    members: DemoMembers | None = None  # None: the members were already there
    organisations: list[tuple[str, str]] = field(default_factory=list)  # code, name (and when it ended)


@transaction.atomic
def build_demo() -> DemoResult:
    admin = demo_organisations.admin_user()
    created = demo_organisations.build_tree(admin)
    users = [("quantri", PASSWORD, ADMIN_LABEL), *demo_organisations.demo_users(admin)]
    members = demo_members.build_demo_members(admin)  # skipped when the demo organisations already have members
    demo_documents.build_demo_documents(admin)  # skipped when the demo committees already keep documents
    day = demo_members.today()
    demo_activities.build_demo_activities(admin, day)  # skipped when a demo organisation planned a campaign
    demo_training.build_demo_training(admin, day)  # skipped when a demo organisation organised a class
    demo_meetings.build_demo_meetings(admin, day)  # skipped when a demo chi bộ already has a meeting
    demo_emulation.build_demo_emulation(admin, day)  # skipped when a demo organisation already has a registration
    demo_feedback.build_demo_feedback(admin, day)  # skipped when a demo committee already held a briefing
    demo_pressing.build_demo_pressing(admin, day)  # skipped when a demo organisation already selected an issue
    demo_evaluation.build_demo_evaluation(admin, day)  # skipped when a demo organisation already has a rating
    demo_inspection.build_demo_inspection(admin, day)  # skipped when a demo committee already has a plan
    login = demo_organisations.member_login(admin)  # a member's own log-in (kept when it exists)
    if login is not None:
        users.append(login)
    return DemoResult(created=created, users=users, members=members,
                      organisations=demo_organisations.named_organisations())
