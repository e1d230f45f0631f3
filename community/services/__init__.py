"""State changes in the community app; one module per noun."""
