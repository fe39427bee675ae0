"""Helpers of the team tests: URLs without passwords, a team of laptops, SQL as a member."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from tools.postgres import SUPERUSER

MEMBER_PASSWORD = "member password 0123"


def split(url: str) -> tuple[str, str]:
    """(URL without the password, the password): the app never takes one in a URL."""
    parsed = make_url(url)
    bare = parsed._replace(password=None).render_as_string(hide_password=False)
    return bare, str(parsed.password)


def no_user(url: str) -> str:
    bare = make_url(url)._replace(username=None, password=None)
    return bare.render_as_string(hide_password=False)


def make_team(admin, team_url: str, name: str = "Expertisecentrum") -> str:
    """`admin` creates the team on the empty database; the admin's password is returned."""
    url, password = split(team_url)
    admin.team.create(url, name, password, display_name="Ada Admin")
    return password


def join(member, admin, admin_password: str, team_url: str, name: str, clearance: str,
         password: str = MEMBER_PASSWORD):
    """A laptop requests, the admin admits, the laptop refreshes: a working member."""
    request = member.team.request(name, password, url=no_user(team_url))
    info = admin.team.admit(request.encode(), clearance, admin_password)
    with member.team.server(password) as server:
        member.team.refresh(server)
    return info


def member_connect(team_url: str, member, password: str = MEMBER_PASSWORD):
    """A plain psycopg connection logging in as the member's own database role."""
    import psycopg

    parsed = make_url(team_url)
    return psycopg.connect(host=parsed.host, port=parsed.port, dbname=parsed.database,
                           user=member.team.role(), password=password, connect_timeout=5)


__all__ = ["SUPERUSER", "MEMBER_PASSWORD", "split", "no_user", "make_team", "join",
           "member_connect", "bea_window"]


def bea_window(qtbot, make_laptop, team_url):
    """An admin's team with Bea (internal) joined, and Bea's main window: (ctx, window,
    admin, admin password, bea). The caller waits for ctx.runner when done."""
    from ui.context import AppContext
    from ui.shell.main_window import MainWindow
    from ui.tasks import TaskRunner

    admin, bea = make_laptop("admin"), make_laptop("bea")
    password = make_team(admin, team_url)
    join(bea, admin, password, team_url, "Bea", "internal")
    ctx = AppContext(bea, TaskRunner(), TaskRunner(), language="en")
    shown = MainWindow(ctx)
    qtbot.addWidget(shown)
    return ctx, shown, admin, password, bea
