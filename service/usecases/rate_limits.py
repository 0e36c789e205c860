"""Per-key rate limits with per-role defaults, shared by every replica through the database."""

from __future__ import annotations

import math
import time

from content_store import rate_limits
from content_store.db import transaction
from service.errors import RateLimited
from service.runtime import Runtime
from service.usecases.keys import Principal


def check_rate(runtime: Runtime, principal: Principal) -> None:
    """Spend one request of the key's budget; 429 with Retry-After when it is used up."""
    limit = runtime.settings.rate_limits.get(principal.role)
    if limit is None:
        return
    per_minute, burst = limit
    per_second = per_minute / 60
    with transaction(runtime.factory) as session:
        left = rate_limits.take(
            session=session, key_id=principal.key_id, now=time.time(), per_second=per_second, burst=burst
        )
    if left < 0:
        wait = max(1, math.ceil(-left / per_second))
        raise RateLimited(
            f"too many requests for a {principal.role} key: {per_minute:g} a minute, bursts of {burst:g}",
            details={"retry_after_seconds": wait},
            headers={"Retry-After": str(wait)},
        )
