"""The demo portal's content: cities, boards and articles generated from a seed,
rendered as portal-shaped HTML in three styles (markup, charset, pager, dates).
Pure functions: no sockets, nothing stored."""
