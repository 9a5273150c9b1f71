""""What could I send to ORG?" for the map: the engine's answer (humanops.sharing.receivable)."""

from humanops.sharing.receivable import (
    SendCount,
    SendFilter,
    count_sendable,
    load_send_filter,
    our_organisation,
    scenario_now,
)

__all__ = ["SendCount", "SendFilter", "count_sendable", "load_send_filter", "our_organisation", "scenario_now"]
