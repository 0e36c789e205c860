"""The recommendation use case: normalize → retrieve → score → select → guide."""
