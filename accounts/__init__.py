"""Members' accounts, the lowest app: handles, roles, self-care, notifications, the data download, deletion.

The apps above add their parts of the download, deletion and profile page through accounts.signals."""
