from . import (
    export,
    portal,
    portal_colleagues,
    portal_kudos,
    portal_plan,
    portal_reviews,
)
