"""Every audit action written anywhere in src/ has a Vietnamese label (the home page and the audit page show it)."""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils.translation import override

from xaydungdang.core import audit_labels

SRC = Path(__file__).resolve().parents[2] / "src" / "xaydungdang"
# Codes built at run time: member.{kind} in members/domain.py (kinds of leaving the party).
DYNAMIC = {"member.{kind}": ["member.struck_off", "member.expelled", "member.deceased"]}
# core/admin.py audits admin edits as "<model>.created_in_admin" etc.: labelled with the model name, not listed.
ADMIN_SUFFIXES = ("_in_admin",)


def _strings(node: ast.expr) -> list[ast.expr]:
    """The literal codes an expression can give: a string, an f-string, either branch of "a if c else b"."""
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return [node] if isinstance(node, (ast.Constant, ast.JoinedStr)) else []


def _action_codes() -> dict[str, str]:
    """Every first argument of log_action(...) in src/, with where it is written."""
    codes: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name != "log_action":
                continue
            where = f"{path.relative_to(SRC)}:{node.lineno}"
            first = node.args[0]
            for candidate in _strings(first):
                if isinstance(candidate, ast.Constant) and isinstance(candidate.value, str):
                    codes[candidate.value] = where
                elif isinstance(candidate, ast.JoinedStr):
                    text = ast.unparse(candidate)[2:-1]
                    if text.endswith(ADMIN_SUFFIXES) or "_in_admin" in text:
                        continue
                    assert text in DYNAMIC, f"{where}: a computed action code {text!r}: list its values in DYNAMIC"
                    for code in DYNAMIC[text]:
                        codes[code] = where
    return codes


def test_the_walk_finds_the_actions_of_every_app():
    codes = _action_codes()
    for code in ("member.registered", "meeting.recorded", "training.class_created", "session.created",
                 "activity.demo_loaded", "meeting.demo_loaded", "training.demo_loaded", "member.login_created",
                 "member.login_deactivated", "document.registered", "organisation.created", "member.expelled"):
        assert code in codes, code
    assert len(codes) > 60


def test_every_audit_action_in_src_has_a_vietnamese_label():
    with override("vi"):
        missing = sorted(f"{code} ({where})" for code, where in _action_codes().items()
                         if audit_labels.action_label(code) == code)
    assert missing == []


def test_labels_of_the_home_page_panel_are_vietnamese():
    with override("vi"):
        assert audit_labels.action_label("activity.demo_loaded") == "Nạp dữ liệu mẫu đợt học tập và buổi học"
        assert audit_labels.action_label("meeting.demo_loaded") == "Nạp dữ liệu mẫu sinh hoạt chi bộ"
        assert audit_labels.action_label("training.demo_loaded") == "Nạp dữ liệu mẫu lớp bồi dưỡng"
        assert audit_labels.action_label("member.login_created") == "Tạo tài khoản đăng nhập riêng cho đảng viên"
        assert audit_labels.action_label("member.login_deactivated") == "Khoá tài khoản đăng nhập riêng của đảng viên"


def test_an_edit_in_the_administration_is_labelled_with_the_model_name():
    from django.utils import translation

    from xaydungdang.core.audit_labels import action_label

    with translation.override("vi"):
        assert action_label("checklistitem.changed_in_admin") == "Sửa trong trang quản trị: tiêu chí sinh hoạt"
        assert action_label("role.created_in_admin") == "Tạo trong trang quản trị: vai trò"
        assert action_label("nosuchmodel.deleted_in_admin") == "Xóa trong trang quản trị: nosuchmodel"
        assert action_label("nothing.known") == "nothing.known"
