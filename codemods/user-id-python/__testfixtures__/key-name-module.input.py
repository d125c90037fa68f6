"""Names of the events the web UI and the agent exchange over the socket."""

USER_ID = "USER_ID"
USER_SWITCHED = "user/switched"


def subscribe(bus, handler):
    """Calls `handler` with the new user id whenever the UI announces one."""
    bus.on(USER_ID, handler)
    bus.on(USER_SWITCHED, handler)
