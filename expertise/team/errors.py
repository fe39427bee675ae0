"""What can go wrong talking to a team server, each with a one-line message and an exit code."""

from __future__ import annotations

from expertise.errors import HubError, UserError


class TeamError(UserError):
    """A team operation that cannot be done as asked (not in a team, not an admin…)."""


class PasswordNeeded(TeamError):
    """No server password for this round: none held this session, none in a secure keyring."""


class ServerUnavailable(HubError):
    """The server cannot be reached now (network, DNS, server down); try again later."""

    exit_code = 12


class ServerRefused(HubError):
    """The server refused the login: wrong password, unknown or removed member."""

    exit_code = 3


class SchemaTooNew(HubError):
    """The server runs a newer schema than this app knows: the app must be updated."""

    exit_code = 1


class TeamKeyMissing(HubError):
    """No content key for a level/epoch on this laptop (not cleared, or not yet refreshed)."""

    exit_code = 4
