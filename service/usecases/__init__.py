"""Use cases behind the thin routers: assets, personas, keys and rep activity."""
