"""Signals sent by accounts, for the apps above it (config.signals explains the mechanism).

export_requested(sender=User)
    Asked whenever the parts of a member's data download are needed (their download,
    tests/test_data_export.py). Each app answers with its exports module's
    (SECTIONS, WITHHELD): the sections it adds and the links to a member it leaves
    out, each with the reason (accounts.personal_data). Receivers: every app's
    exports.declared, accounts' own included.

deletion_requested(sender=User, user=User)
    Sent by accounts.services.delete_account inside its transaction, before the
    row is anonymised: a receiver deletes what must not outlive the account.
    Receivers: evaluation (the wellbeing check-in answers, as when a member withdraws).

profile_shown(sender=User, viewer=User, member=User)
    Asked when viewer opens member's profile page; each receiver answers with a dict
    added to the page's context. Receivers: moderation ({"moderates": ...}, whether
    the member is in the moderation team, for the "raise a concern" link).
"""

from django.dispatch import Signal

export_requested = Signal()
deletion_requested = Signal()
profile_shown = Signal()
