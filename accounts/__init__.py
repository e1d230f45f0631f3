"""Members' accounts: pseudonymous handles, roles, profiles, data export and deletion."""
