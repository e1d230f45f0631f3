"""Signals other apps may connect to.

case_acknowledged(sender=Case, case=Case, lead=User)
    Sent once per case, the first time a lead takes it on (acknowledge, or
    start work / resolve on a case nobody had acknowledged), inside the same
    transaction as that change: a receiver's writes (such as releasing forum
    posts held by escalation.should_hold) commit or roll back with it.
    Receivers must be quick, must not raise for ordinary conditions, and should
    send any live updates with config.realtime.send_event_on_commit.


concern_found(sender=None, member=User, source=str, source_id=int | None, categories=list[str])
    Sent by screening, inside the writing's transaction, when it finds a
    medium-level concern: not enough to open a case, enough for a moderator
    to look and, with one action, refer to a lead. Moderation turns it into a
    queue item marked as a safeguarding concern.
"""

from django.dispatch import Signal

case_acknowledged = Signal()
concern_found = Signal()
