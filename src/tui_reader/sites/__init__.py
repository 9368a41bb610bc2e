"""Site profiles and page parsing: what is where on a portal's pages.

Kept import-light on purpose: import ``tui_reader.sites.profile``,
``.parse`` or ``.fields`` directly; nothing is loaded until asked for.
"""
