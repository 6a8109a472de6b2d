"""The execution domain's API, one module per sub-domain (plans, requirements, tasks, reports,
indicators); routes in ``kehoach/api/urls.py``."""
