"""State changes in evaluation; one module per noun."""
