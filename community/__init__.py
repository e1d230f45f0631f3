"""The community itself: house and room rules, forum boards and threads, chat rooms."""
