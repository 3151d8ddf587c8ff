"""The background jobs' guard against one bad record: a batch that fails is
done again one record at a time, so the others go through and the bad one is
logged and skipped, not tried again at every run."""

import logging

_logger = logging.getLogger(__name__)


def each_or_alone(records, action, what):
    """``action(records)`` in a savepoint; when it fails, ``action(record)``
    for each record in its own savepoint. Returns the records that failed
    alone, each logged (with its traceback) as ``what``."""
    cr = records.env.cr
    try:
        with cr.savepoint():
            action(records)
        return records.browse()
    except Exception:  # any error of one record must not stop the batch
        failed = records.browse()
        for record in records:
            try:
                with cr.savepoint():
                    action(record)
            except Exception:  # logged below, with its traceback
                _logger.warning("%s %s failed; skipped.", what, record, exc_info=True)
                failed |= record
        return failed
