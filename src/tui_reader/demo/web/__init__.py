"""The demo portal over real HTTP on loopback: the server, its routes, and the
faults it can be told to make (latency, errors, truncation, captcha, login
walls, soft 404s, wrong charset labels, huge pages). May import ``demo.site``."""
