"""Routers of the pages: thin handlers that parse input, call one view, render one template."""
