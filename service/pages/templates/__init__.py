"""Jinja2 templates of the pages (a package only so the files ship as package data)."""
