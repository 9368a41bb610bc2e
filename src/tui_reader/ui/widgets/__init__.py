"""One widget per module; each gets data pushed in and posts messages up."""
