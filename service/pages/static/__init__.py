"""Static CSS, JS and icons of the pages (a package only so the files ship as package data)."""
