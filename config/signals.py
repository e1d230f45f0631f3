"""How a lower layer hears from the layers above it: Django signals (docs/decisions/0005-signals-between-layers.md).

Each app that needs it declares its signals in `<app>/signals.py`, with the sender and
keyword arguments documented there, and the apps above connect receivers in their
AppConfig.ready(). Some signals tell ("a post was saved"); others ask ("which sections
does the data export have?", "may this member post?"): the sender collects the
receivers' return values with answers(). A receiver that raises refuses the whole
action: Signal.send (never send_robust) lets the exception reach the sender.
"""

from django.dispatch import Signal


def answers(signal: Signal, sender, **kwargs) -> list:
    """Send the signal and return what its receivers answered, in the order they connected, leaving out None."""
    return [answer for _receiver, answer in signal.send(sender, **kwargs) if answer is not None]
