"""The community itself: house and room rules, forum boards and threads, chat rooms, profile text and the account page.

It asks moderation before members write and tells the evaluation when they take part through community.signals."""
