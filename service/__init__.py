"""The HTTP API, pages, CLI and the use cases behind them."""
