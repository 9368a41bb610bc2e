"""Full screens: browse (panes side by side), reader, help."""
