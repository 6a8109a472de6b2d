import kehoach.jobs.tests.kinds  # noqa: F401  (registers the test job kinds)
