"""kehoach: the Django product (one app per domain) and its command line."""
