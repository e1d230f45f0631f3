"""State changes in safeguarding; one module per noun."""
