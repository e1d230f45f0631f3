"""Signals other apps may connect to.

case_acknowledged(sender=Case, case=Case, lead=User)
    Sent once per case, the first time a lead takes it on (acknowledge, or
    start work / resolve on a case nobody had acknowledged), inside the same
    transaction as that change: a receiver's writes (such as releasing forum
    posts held by escalation.should_hold) commit or roll back with it.
    Receivers must be quick, must not raise for ordinary conditions, and should
    send any live updates with config.realtime.send_event_on_commit.
"""

from django.dispatch import Signal

case_acknowledged = Signal()
