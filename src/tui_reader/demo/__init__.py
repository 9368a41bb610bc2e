"""The bundled demo portal: a realistic classifieds site served on loopback.

``content`` generates the site from a seed (nothing is stored), ``pages``
renders it as portal-shaped HTML and ``server`` serves it over HTTP. This
package init stays empty on purpose: the CLI imports the demo lazily, only
when ``--demo`` or ``demo-server`` is asked for.
"""
