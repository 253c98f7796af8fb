# csv tests add to TESTS and check_PROGRAMS here.
