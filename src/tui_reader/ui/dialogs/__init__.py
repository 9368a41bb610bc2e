"""Modal dialogs: small questions asked over a screen (open this link?)."""
